import Bloblang

extension MethodSpec {
    static let tsUnixMilli = MethodSpec(
        "ts_unix_milli", category: .time, status: .beta,
        summary: "Milliseconds since the Unix epoch of a timestamp.",
        description: """
            The target may be a timestamp, an RFC 3339 string or a number of Unix seconds. The \
            result is an integer; any finer part of the time is dropped.
            """,
        examples: [
            Example(
                #"root.created_at_unix = this.created_at.ts_unix_milli()"#,
                #"{"created_at":"2021-03-09T19:12:07.25Z"}"#, #"{"created_at_unix":1615317127250}"#)
        ]
    ) { target, _, _ in .int(try target.getTimestamp().unixMillis) }
}
