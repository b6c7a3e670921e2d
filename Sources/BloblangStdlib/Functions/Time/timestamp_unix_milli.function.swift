import Bloblang

extension FunctionSpec {
    static let timestampUnixMilli = FunctionSpec(
        "timestamp_unix_milli", category: .environment,
        summary: "The current time in milliseconds since the Unix epoch.",
        examples: [
            Example(#"root.received_at = timestamp_unix_milli()"#, "{}", #"{"received_at":1615317127250}"#, deterministic: false)
        ]
    ) { _, _ in .int(Timestamp.now().unixMillis) }
}
