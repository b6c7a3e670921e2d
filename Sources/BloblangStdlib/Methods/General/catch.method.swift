import Bloblang

extension MethodSpec {
    static let `catch` = MethodSpec(
        "catch", category: .general,
        summary: "Gives the argument instead when the target fails (wrong type, failed parse, `throw`, ...).",
        description:
            "The fallback runs with the error message as its context, so `.catch(err -> err)` yields the message. Null results and the `deleted()`/`nothing()` markers are not errors and pass through.",
        params: [.query("fallback", "The value or query to use when the target fails.")],
        examples: [
            Example(
                #"root.n = this.n.number().catch(0)"#,
                pairs: [.init(#"{"n":"12"}"#, #"{"n":12}"#), .init(#"{"n":"twelve"}"#, #"{"n":0}"#)]),
            Example(
                #"root.why = this.n.number().catch(e -> e)"#, #"{"n":"x"}"#,
                #"{"why":"field `this.n`: strconv.ParseFloat: parsing \"x\": invalid syntax"}"#),
        ]
    ) { target, args, ctx in
        switch target {
        case .success(let v): return v
        case .failure(let e): return try args.query(0).call(with: .string(e.message), ctx)
        }
    }
}
