import Bloblang

extension MethodSpec {
    static let notNull = MethodSpec(
        "not_null", category: .coercion,
        summary: "Returns the value unchanged unless it is `null`, which is an error.",
        examples: [
            Example(
                #"root.id = this.id.not_null()"#,
                pairs: [
                    .init(#"{"id":0}"#, #"{"id":0}"#),
                    .init(#"{"name":"x"}"#, #"Error("failed assignment (line 1): field `this.id`: value is null")"#),
                ])
        ]
    ) { target, _, _ in
        if case .null = target { throw RuntimeError("value is null", code: .nullValue) }
        return target
    }
}
