import Bloblang

extension MethodSpec {
    static let formatTimestampUnixMicro = MethodSpec(
        "format_timestamp_unix_micro", category: .deprecated, status: .deprecated,
        summary: "Microseconds since the Unix epoch of a timestamp.",
        description: "The old name of `ts_unix_micro`.",
        examples: [
            Example(
                #"root.created_at_unix = this.created_at.format_timestamp_unix_micro()"#,
                #"{"created_at":"2021-03-09T19:12:07.250001Z"}"#, #"{"created_at_unix":1615317127250001}"#)
        ]
    ) { target, _, _ in .int(try target.getTimestamp().unixMicros) }
}
