import Bloblang

extension MethodSpec {
    static let formatTimestampUnixMilli = MethodSpec(
        "format_timestamp_unix_milli", category: .deprecated, status: .deprecated,
        summary: "Milliseconds since the Unix epoch of a timestamp.",
        description: "The old name of `ts_unix_milli`.",
        examples: [
            Example(
                #"root.created_at_unix = this.created_at.format_timestamp_unix_milli()"#,
                #"{"created_at":"2021-03-09T19:12:07.25Z"}"#, #"{"created_at_unix":1615317127250}"#)
        ]
    ) { target, _, _ in .int(try target.getTimestamp().unixMillis) }
}
