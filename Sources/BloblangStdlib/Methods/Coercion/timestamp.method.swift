import Bloblang

extension MethodSpec {
    static let timestamp = MethodSpec(
        "timestamp", category: .coercion,
        summary: "Converts a value to a timestamp, with an optional fallback.",
        description: """
            Timestamps are unchanged, numbers are read as seconds since the Unix epoch and \
            strings are parsed as RFC 3339. When `default` is given, it is returned instead of \
            an error when the value cannot be converted.
            """,
        params: [ParameterSpec("default", .timestamp, "A value to return when the conversion fails.").optional()],
        examples: [
            Example(#"root.at = this.at.timestamp()"#, #"{"at":1700000000}"#, #"{"at":"2023-11-14T22:13:20Z"}"#),
            Example(
                #"root.at = this.at.timestamp(0.timestamp())"#,
                #"{"at":"yesterday"}"#, #"{"at":"1970-01-01T00:00:00Z"}"#),
        ]
    ) { target, args, _ in
        do {
            return .timestamp(try target.getTimestamp())
        } catch {
            if args.isPresent(0) { return args[0] }
            throw error
        }
    }
}
