import Bloblang

extension MethodSpec {
    static let formatTimestampUnix = MethodSpec(
        "format_timestamp_unix", category: .deprecated, status: .deprecated,
        summary: "Whole seconds since the Unix epoch of a timestamp.",
        description: "The old name of `ts_unix`.",
        examples: [
            Example(
                #"root.created_at_unix = this.created_at.format_timestamp_unix()"#,
                #"{"created_at":"2021-03-09T19:12:07Z"}"#, #"{"created_at_unix":1615317127}"#)
        ]
    ) { target, _, _ in .int(try target.getTimestamp().unixSeconds) }
}
