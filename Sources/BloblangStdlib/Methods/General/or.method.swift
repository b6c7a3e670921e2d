import Bloblang

extension MethodSpec {
    static let or = MethodSpec(
        "or", category: .general,
        summary: "Gives the argument instead when the target fails or is null; the method form of `|`.",
        params: [.query("fallback", "The value or query to use when the target fails or is null.")],
        examples: [
            Example(
                #"root.name = this.name.or("anonymous")"#,
                pairs: [.init(#"{"name":"ada"}"#, #"{"name":"ada"}"#), .init(#"{}"#, #"{"name":"anonymous"}"#)])
        ]
    ) { target, args, ctx in
        if case .success(let v) = target, !v.isNullLike { return v }
        return try args.query(0).eval(ctx)
    }
}
