import Bloblang

extension FunctionSpec {
    static let timestampUnix = FunctionSpec(
        "timestamp_unix", category: .environment,
        summary: "The current time in seconds since the Unix epoch.",
        examples: [
            Example(#"root.received_at = timestamp_unix()"#, "{}", #"{"received_at":1615317127}"#, deterministic: false)
        ]
    ) { _, _ in .int(Timestamp.now().unixSeconds) }
}
