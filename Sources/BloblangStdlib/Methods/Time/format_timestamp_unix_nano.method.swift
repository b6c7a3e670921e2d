import Bloblang

extension MethodSpec {
    static let formatTimestampUnixNano = MethodSpec(
        "format_timestamp_unix_nano", category: .deprecated, status: .deprecated,
        summary: "Nanoseconds since the Unix epoch of a timestamp.",
        description: "The old name of `ts_unix_nano`.",
        examples: [
            Example(
                #"root.created_at_unix = this.created_at.format_timestamp_unix_nano()"#,
                #"{"created_at":"2021-03-09T19:12:07.250000001Z"}"#, #"{"created_at_unix":1615317127250000001}"#)
        ]
    ) { target, _, _ in .int(try target.getTimestamp().unixNanos) }
}
