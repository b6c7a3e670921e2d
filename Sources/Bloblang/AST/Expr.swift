import Foundation

/// A compiled query expression. Nodes are immutable after parsing and evaluate against an
/// `EvalContext`.
public class Expr: @unchecked Sendable {
    let range: SourceRange

    init(range: SourceRange) { self.range = range }

    /// Evaluates the expression.
    func eval(_ ctx: EvalContext) throws(RuntimeError) -> Value { .null }

    /// How error messages name this expression (`field `this.a``, `number literal`, ...).
    var annotation: String { "expression" }
}

/// Converts any error thrown by a spec body to a `RuntimeError`.
@inline(__always) func runtimeError(_ error: any Error) -> RuntimeError {
    if let e = error as? RuntimeError { return e }
    return RuntimeError(String(describing: error))
}

/// A constant.
final class LiteralExpr: Expr, @unchecked Sendable {
    let value: Value
    let customAnnotation: String?

    init(_ value: Value, range: SourceRange, annotation: String? = nil) {
        self.value = value
        self.customAnnotation = annotation
        super.init(range: range)
    }

    override func eval(_ ctx: EvalContext) throws(RuntimeError) -> Value { value }

    override var annotation: String { customAnnotation ?? "\(value.type.rawValue) literal" }
}

// MARK: - Context references

/// Where a field path starts.
enum PathBase: Sendable {
    case this
    case root
    case named(slot: Int, name: String)
}

/// `this.a.b`, `root.a`, or a lambda parameter `x.a`: a context value and a field path.
final class FieldExpr: Expr, @unchecked Sendable {
    let base: PathBase
    let path: [String]

    init(base: PathBase, path: [String], range: SourceRange) {
        self.base = base
        self.path = path
        super.init(range: range)
    }

    override func eval(_ ctx: EvalContext) throws(RuntimeError) -> Value {
        let start: Value
        switch base {
        case .this:
            if ctx.thisFollowsRoot {
                start = ctx.root
            } else {
                if let failure = ctx.thisFailure { throw failure }
                start = ctx.this
            }
        case .root:
            start = ctx.root
        case .named(let slot, _):
            start = slot < ctx.locals.count ? ctx.locals[slot] : .null
        }
        if path.isEmpty { return start }
        return Value.get(start, path: path)
    }

    override var annotation: String {
        var s: String
        switch base {
        case .this: s = "this"
        case .root: s = "root"
        case .named(_, let name): s = name
        }
        if !path.isEmpty { s += "." + path.map(escapePathSegment).joined(separator: ".") }
        return "field `\(s)`"
    }
}

/// A path read on the result of any other expression (`$x.a`, `foo().a.b`).
final class PathExpr: Expr, @unchecked Sendable {
    let target: Expr
    let path: [String]

    init(target: Expr, path: [String], range: SourceRange) {
        self.target = target
        self.path = path
        super.init(range: range)
    }

    override func eval(_ ctx: EvalContext) throws(RuntimeError) -> Value {
        Value.get(try target.eval(ctx), path: path)
    }

    override var annotation: String { target.annotation }
}

/// `$name`.
final class VariableExpr: Expr, @unchecked Sendable {
    let name: String
    init(name: String, range: SourceRange) {
        self.name = name
        super.init(range: range)
    }
    override func eval(_ ctx: EvalContext) throws(RuntimeError) -> Value {
        guard let v = ctx.vars[name] else { throw RuntimeError("variable '\(name)' undefined") }
        return v
    }
    override var annotation: String { "variable \(name)" }
}

/// `@name` or bare `@`.
final class MetadataExpr: Expr, @unchecked Sendable {
    let key: String?
    init(key: String?, range: SourceRange) {
        self.key = key
        super.init(range: range)
    }
    override func eval(_ ctx: EvalContext) throws(RuntimeError) -> Value {
        guard let key else { return .object(ctx.metadata) }
        return ctx.metadata[key] ?? .null
    }
    override var annotation: String { key.map { "metadata field \($0)" } ?? "metadata object" }
}

// MARK: - Literals with parts

/// `[a, b, c]` with at least one non-constant element.
final class ArrayExpr: Expr, @unchecked Sendable {
    let elements: [Expr]
    init(_ elements: [Expr], range: SourceRange) {
        self.elements = elements
        super.init(range: range)
    }
    override func eval(_ ctx: EvalContext) throws(RuntimeError) -> Value {
        var out: [Value] = []
        out.reserveCapacity(elements.count)
        for e in elements {
            let v = try e.eval(ctx)
            if v.isSentinel { continue }
            out.append(v)
        }
        return .array(out)
    }
    override var annotation: String { "array literal" }
}

/// `{"a": x, (key): y}` with at least one non-constant part.
final class ObjectExpr: Expr, @unchecked Sendable {
    enum Key {
        case constant(String)
        case dynamic(Expr)
    }
    let entries: [(key: Key, value: Expr)]

    init(_ entries: [(key: Key, value: Expr)], range: SourceRange) {
        self.entries = entries
        super.init(range: range)
    }

    override func eval(_ ctx: EvalContext) throws(RuntimeError) -> Value {
        var out: [String: Value] = [:]
        out.reserveCapacity(entries.count)
        for (key, valueExpr) in entries {
            let k: String
            switch key {
            case .constant(let s): k = s
            case .dynamic(let e):
                let kv = try e.eval(ctx)
                switch kv {
                case .string(let s): k = s
                case .bytes(let b): k = String(decoding: b, as: UTF8.self)
                default:
                    throw RuntimeError("mapping returned invalid key type: \(goTypeName(kv))")
                }
            }
            let v: Value
            do { v = try valueExpr.eval(ctx) } catch { throw error.wrapped("failed to resolve '\(k)' value") }
            if v.isSentinel { continue }
            out[k] = v
        }
        return .object(out)
    }
    override var annotation: String { "object literal" }
}

// MARK: - Calls

/// A function call whose arguments were all constant, prepared at parse time.
final class PreparedFunctionExpr: Expr, @unchecked Sendable {
    let name: String
    let body: FunctionSpec.Prepared
    init(name: String, body: @escaping FunctionSpec.Prepared, range: SourceRange) {
        self.name = name
        self.body = body
        super.init(range: range)
    }
    override func eval(_ ctx: EvalContext) throws(RuntimeError) -> Value {
        do { return try body(ctx) } catch { throw runtimeError(error) }
    }
    override var annotation: String { "function \(name)" }
}

/// A function call with arguments evaluated per call.
final class DynamicFunctionExpr: Expr, @unchecked Sendable {
    let spec: FunctionSpec
    let args: ArgumentList
    init(spec: FunctionSpec, args: ArgumentList, range: SourceRange) {
        self.spec = spec
        self.args = args
        super.init(range: range)
    }
    override func eval(_ ctx: EvalContext) throws(RuntimeError) -> Value {
        let resolved = try args.resolve(ctx, owner: "function '\(spec.name)'")
        do { return try spec.prepare(resolved)(ctx) } catch { throw runtimeError(error) }
    }
    override var annotation: String { "function \(spec.name)" }
}

/// A method call on a target.
final class MethodExpr: Expr, @unchecked Sendable {
    let target: Expr
    let name: String
    let prepared: MethodSpec.Prepared?
    let spec: MethodSpec
    let args: ArgumentList

    init(target: Expr, spec: MethodSpec, prepared: MethodSpec.Prepared?, args: ArgumentList, range: SourceRange) {
        self.target = target
        self.name = spec.name
        self.spec = spec
        self.prepared = prepared
        self.args = args
        super.init(range: range)
    }

    override func eval(_ ctx: EvalContext) throws(RuntimeError) -> Value {
        if case .lazy(let body) = spec.body {
            let resolved = try args.resolve(ctx, owner: "method '\(name)'")
            do { return try body({ try target.eval(ctx) }, resolved, ctx) } catch { throw runtimeError(error) }
        }
        let t = try target.eval(ctx)
        do {
            if let prepared { return try prepared(t, ctx) }
            let resolved = try args.resolve(ctx, owner: "method '\(name)'")
            guard case .prepare(let prepare) = spec.body else { return t }
            return try prepare(resolved)(t, ctx)
        } catch {
            throw runtimeError(error).from(target.annotation)
        }
    }

    override var annotation: String {
        if name == "apply", let lit = args.slots.first as? LiteralExpr, case .string(let map) = lit.value {
            return "map \(map)"
        }
        return "method \(name)"
    }
}

/// `target.(expr)`: evaluates `expr` with `this` bound to the target, or binds a lambda's
/// parameter to it.
final class MapTailExpr: Expr, @unchecked Sendable {
    let target: Expr
    let body: Expr
    init(target: Expr, body: Expr, range: SourceRange) {
        self.target = target
        self.body = body
        super.init(range: range)
    }
    override func eval(_ ctx: EvalContext) throws(RuntimeError) -> Value {
        let t = try target.eval(ctx)
        if let lambda = body as? LambdaExpr { return try lambda.invoke(t, ctx) }
        return try ctx.with(this: t) { () throws(RuntimeError) -> Value in try body.eval(ctx) }
    }
    override var annotation: String { body.annotation }
}

/// `name -> body`.
final class LambdaExpr: Expr, @unchecked Sendable {
    let slot: Int
    let name: String?
    let body: Expr
    init(slot: Int, name: String?, body: Expr, range: SourceRange) {
        self.slot = slot
        self.name = name
        self.body = body
        super.init(range: range)
    }

    /// Runs the body with the parameter bound to `value`.
    func invoke(_ value: Value, _ ctx: EvalContext) throws(RuntimeError) -> Value {
        while ctx.locals.count <= slot { ctx.locals.append(.null) }
        let saved = ctx.locals[slot]
        ctx.locals[slot] = value
        defer { ctx.locals[slot] = saved }
        return try body.eval(ctx)
    }

    /// Evaluated on its own, a lambda binds its parameter to the current context.
    override func eval(_ ctx: EvalContext) throws(RuntimeError) -> Value {
        try invoke(.null, ctx)
    }
    override var annotation: String { body.annotation }
}

/// Escapes a path segment for display: `~` as `~0` and `.` as `~1`.
func escapePathSegment(_ s: String) -> String {
    guard s.contains("~") || s.contains(".") else { return s }
    return s.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: ".", with: "~1")
}
