/// An unevaluated argument of a `.query` parameter, handed to a method body.
///
/// `call(with:)` runs it for one element: a lambda (`x -> ...`) binds the element to its
/// parameter and leaves `this` alone, any other expression sees the element as `this`.
public struct Query: @unchecked Sendable {
    let expr: Expr

    init(_ expr: Expr) { self.expr = expr }

    /// A query that always returns `value`.
    public init(literal value: Value) { self.expr = LiteralExpr(value, range: .empty) }

    /// The literal value, when the query is a constant.
    public var literal: Value? { (expr as? LiteralExpr)?.value }

    /// Evaluates the query in the current context.
    public func eval(_ ctx: EvalContext) throws -> Value { try expr.eval(ctx) }

    /// Evaluates the query for `value`.
    public func call(with value: Value, _ ctx: EvalContext) throws -> Value {
        if let lambda = expr as? LambdaExpr { return try lambda.invoke(value, ctx) }
        return try ctx.with(this: value) { try expr.eval(ctx) }
    }

    /// A short description of the query for error messages.
    public var annotation: String { expr.annotation }
}
