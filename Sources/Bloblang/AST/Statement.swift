/// Where an assignment writes.
enum AssignTarget: Sendable {
    case root([String])
    case meta(String?)
    case variable(String)
}

/// One statement of a mapping.
class Statement: @unchecked Sendable {
    /// The line reported in errors. Statements inside an `if` block report the line of the
    /// `if`, and those inside a named map count lines from the map's first line, as Benthos.
    var line: Int
    init(line: Int) { self.line = line }
    func run(_ ctx: EvalContext) throws(RuntimeError) {}

    /// Sets the reported line of this statement and every statement nested in it.
    func relabel(_ transform: (Int) -> Int) { line = transform(line) }
}

extension RuntimeError {
    /// Wraps an error with the failing statement's line, unless a statement (inside a named
    /// map) already did.
    func statementFailure(line: Int) -> RuntimeError {
        if isStatementFailure { return self }
        var e = wrapped("failed assignment (line \(line))")
        e.isStatementFailure = true
        return e
    }
}

/// `target = expression` (and `let name = expression`).
final class AssignStatement: Statement, @unchecked Sendable {
    let target: AssignTarget
    let value: Expr

    init(target: AssignTarget, value: Expr, line: Int) {
        self.target = target
        self.value = value
        super.init(line: line)
    }

    override func run(_ ctx: EvalContext) throws(RuntimeError) {
        let v: Value
        do { v = try value.eval(ctx) } catch { throw error.statementFailure(line: line) }
        do {
            try assign(v, ctx)
        } catch {
            throw error.statementFailure(line: line)
        }
    }

    @inline(__always)
    private func assign(_ v: Value, _ ctx: EvalContext) throws(RuntimeError) {
        switch target {
        case .root(let path):
            if case .nothing = v { return }
            if path.isEmpty {
                ctx.root = v
            } else {
                try ctx.root.set(path: path, to: v)
            }
        case .meta(let key):
            if case .nothing = v { return }
            if let key {
                if case .delete = v { ctx.metadata.removeValue(forKey: key) } else { ctx.metadata[key] = v }
            } else {
                switch v {
                case .delete: ctx.metadata = [:]
                case .object(let o): ctx.metadata = o
                default:
                    throw RuntimeError("setting root meta object requires object value, received: \(goTypeName(v))")
                }
            }
        case .variable(let name):
            switch v {
            case .nothing: return
            case .delete: ctx.vars.removeValue(forKey: name)
            default: ctx.vars[name] = v
            }
        }
    }
}

/// `if c { statements } else if d { ... } else { ... }` at statement level.
final class IfStatement: Statement, @unchecked Sendable {
    let branches: [(condition: Expr, body: [Statement])]
    let elseBody: [Statement]?

    init(branches: [(condition: Expr, body: [Statement])], elseBody: [Statement]?, line: Int) {
        self.branches = branches
        self.elseBody = elseBody
        super.init(line: line)
    }

    override func run(_ ctx: EvalContext) throws(RuntimeError) {
        for (condition, body) in branches {
            let c: Value
            do { c = try condition.eval(ctx) } catch { throw error.statementFailure(line: line) }
            guard case .bool(let b) = c else {
                throw nonBooleanCondition(c, from: condition.annotation).statementFailure(line: line)
            }
            if b {
                for s in body { try s.run(ctx) }
                return
            }
        }
        if let elseBody { for s in elseBody { try s.run(ctx) } }
    }

    override func relabel(_ transform: (Int) -> Int) {
        super.relabel(transform)
        for (_, body) in branches { for s in body { s.relabel(transform) } }
        for s in elseBody ?? [] { s.relabel(transform) }
    }
}

/// A named map (`map name { ... }`).
final class MapDefinition: @unchecked Sendable {
    let name: String
    let body: StatementBlock
    init(name: String, body: StatementBlock) {
        self.name = name
        self.body = body
    }
}

/// A list of statements run in order.
struct StatementBlock: @unchecked Sendable {
    let statements: [Statement]
    func run(_ ctx: EvalContext) throws(RuntimeError) {
        for s in statements { try s.run(ctx) }
    }
}
