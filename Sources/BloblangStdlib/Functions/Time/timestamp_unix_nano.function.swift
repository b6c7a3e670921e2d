import Bloblang

extension FunctionSpec {
    static let timestampUnixNano = FunctionSpec(
        "timestamp_unix_nano", category: .environment,
        summary: "The current time in nanoseconds since the Unix epoch.",
        examples: [
            Example(
                #"root.received_at = timestamp_unix_nano()"#, "{}", #"{"received_at":1615317127250000001}"#, deterministic: false)
        ]
    ) { _, _ in .int(Timestamp.now().unixNanos) }
}
