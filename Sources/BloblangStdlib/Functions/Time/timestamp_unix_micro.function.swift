import Bloblang

extension FunctionSpec {
    static let timestampUnixMicro = FunctionSpec(
        "timestamp_unix_micro", category: .environment,
        summary: "The current time in microseconds since the Unix epoch.",
        examples: [
            Example(
                #"root.received_at = timestamp_unix_micro()"#, "{}", #"{"received_at":1615317127250001}"#, deterministic: false)
        ]
    ) { _, _ in .int(Timestamp.now().unixMicros) }
}
