import Bloblang

extension MethodSpec {
    static let bool = MethodSpec(
        "bool", category: .coercion,
        summary: "Converts a value to a boolean, with an optional fallback.",
        description: """
            Numbers are true when they are not zero. Strings must be one of `1`, `t`, `T`, \
            `TRUE`, `true`, `True`, `0`, `f`, `F`, `FALSE`, `false` or `False`. When `default` \
            is given, it is returned instead of an error when the value cannot be converted.
            """,
        params: [ParameterSpec.bool("default", "A value to return when the conversion fails.").optional()],
        examples: [
            Example(
                #"root.enabled = this.enabled.bool()"#,
                pairs: [
                    .init(#"{"enabled":"TRUE"}"#, #"{"enabled":true}"#),
                    .init(#"{"enabled":0}"#, #"{"enabled":false}"#),
                ]),
            Example(#"root.debug = this.debug.bool(false)"#, #"{"debug":"maybe"}"#, #"{"debug":false}"#),
        ]
    ) { target, args, _ in
        do {
            return .bool(try target.toBool())
        } catch {
            if args.isPresent(0) { return args[0] }
            throw error
        }
    }
}
