/// The arguments of a call matched to the callee's parameters at parse time: one slot per
/// parameter, `nil` where the argument was left out.
struct ArgumentList: @unchecked Sendable {
    let params: [ParameterSpec]
    let slots: [Expr?]

    /// True when every given argument is a literal (or a query), so the call can be prepared once.
    var isConstant: Bool {
        for (p, e) in zip(params, slots) where p.kind != .query {
            if let e, !(e is LiteralExpr) { return false }
        }
        return true
    }

    /// Evaluates and checks the arguments.
    func resolve(_ ctx: EvalContext, owner: @autoclosure () -> String) throws(RuntimeError) -> Arguments {
        var values: [Value] = []
        var queries: [Query?] = []
        values.reserveCapacity(params.count)
        queries.reserveCapacity(params.count)
        for (p, e) in zip(params, slots) {
            if p.kind == .query {
                queries.append(e.map(Query.init) ?? p.defaultValue.map { Query(literal: $0) })
                values.append(.nothing)
                continue
            }
            queries.append(nil)
            guard let e else {
                values.append(p.defaultValue ?? .nothing)
                continue
            }
            let v = try e.eval(ctx)
            do {
                values.append(try p.check(v))
            } catch {
                throw RuntimeError("\(owner()): failed to extract input arg '\(p.name)': \(error.message)", code: .badArgument)
            }
        }
        return Arguments(values: values, queries: queries)
    }

    /// The arguments of a constant call, checked at parse time. Errors name the parameter
    /// (`field why: wrong argument type, expected string, got number`).
    func constantArguments() throws(RuntimeError) -> Arguments {
        var values: [Value] = []
        var queries: [Query?] = []
        for (p, e) in zip(params, slots) {
            if p.kind == .query {
                queries.append(e.map(Query.init) ?? p.defaultValue.map { Query(literal: $0) })
                values.append(.nothing)
                continue
            }
            queries.append(nil)
            guard let lit = e as? LiteralExpr else {
                values.append(p.defaultValue ?? .nothing)
                continue
            }
            do {
                values.append(try p.check(lit.value))
            } catch {
                throw RuntimeError("field \(p.name): \(error.message)", code: .badArgument)
            }
        }
        return Arguments(values: values, queries: queries)
    }
}
