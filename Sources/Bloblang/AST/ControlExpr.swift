/// Go's name for the dynamic type of a value, as Benthos prints in some errors.
func goTypeName(_ v: Value) -> String {
    switch v {
    case .null: "<nil>"
    case .bool: "bool"
    case .int: "int64"
    case .uint: "uint64"
    case .float: "float64"
    case .string: "string"
    case .bytes: "[]uint8"
    case .array: "[]interface {}"
    case .object: "map[string]interface {}"
    case .timestamp: "time.Time"
    case .delete: "value.Delete"
    case .nothing: "value.Nothing"
    }
}

/// The error for a condition that is not a boolean.
func nonBooleanCondition(_ v: Value, from annotation: String) -> RuntimeError {
    let shown: String
    switch v {
    case .null: shown = "<nil>"
    case .string(let s): shown = s
    case .array, .object: shown = v.plainString
    default: shown = v.plainString
    }
    return RuntimeError("\(annotation) resolved to a non-boolean value \(shown) (\(goTypeName(v)))")
}

/// `if c { a } else if d { b } else { c }` as an expression; `nothing` when no branch runs.
final class IfExpr: Expr, @unchecked Sendable {
    let branches: [(condition: Expr, body: Expr)]
    let elseBody: Expr?

    init(branches: [(condition: Expr, body: Expr)], elseBody: Expr?, range: SourceRange) {
        self.branches = branches
        self.elseBody = elseBody
        super.init(range: range)
    }

    override func eval(_ ctx: EvalContext) throws(RuntimeError) -> Value {
        for (condition, body) in branches {
            let c: Value
            do { c = try condition.eval(ctx) } catch { throw error.wrapped("failed to check if condition") }
            switch c {
            case .bool(true): return try body.eval(ctx)
            case .bool(false), .null: continue
            default: throw nonBooleanCondition(c, from: condition.annotation)
            }
        }
        return try elseBody?.eval(ctx) ?? .nothing
    }

    override var annotation: String { "if expression" }
}

/// `match subject { pattern => result ... }`; `nothing` when no case matches.
final class MatchExpr: Expr, @unchecked Sendable {
    enum Pattern {
        case wildcard
        case literal(Value)
        case condition(Expr)
    }
    let subject: Expr?
    let cases: [(pattern: Pattern, result: Expr)]

    init(subject: Expr?, cases: [(pattern: Pattern, result: Expr)], range: SourceRange) {
        self.subject = subject
        self.cases = cases
        super.init(range: range)
    }

    override func eval(_ ctx: EvalContext) throws(RuntimeError) -> Value {
        guard let subject else { return try run(ctx, value: nil) }
        let v = try subject.eval(ctx)
        return try ctx.with(this: v) { () throws(RuntimeError) -> Value in try run(ctx, value: v) }
    }

    private func run(_ ctx: EvalContext, value: Value?) throws(RuntimeError) -> Value {
        for (pattern, result) in cases {
            switch pattern {
            case .wildcard:
                return try result.eval(ctx)
            case .literal(let lit):
                // Without a subject, a literal case is a condition like any other.
                guard let value else {
                    if case .bool(true) = lit { return try result.eval(ctx) }
                    continue
                }
                if lit.looselyEquals(value) { return try result.eval(ctx) }
            case .condition(let e):
                if case .bool(true) = try e.eval(ctx) { return try result.eval(ctx) }
            }
        }
        return .nothing
    }

    override var annotation: String { "match expression" }
}
