import Bloblang

extension MethodSpec {
    static let tsUnix = MethodSpec(
        "ts_unix", category: .time, status: .beta,
        summary: "Whole seconds since the Unix epoch of a timestamp.",
        description: """
            The target may be a timestamp, an RFC 3339 string or a number of Unix seconds. The \
            result is an integer; any finer part of the time is dropped.
            """,
        examples: [
            Example(
                #"root.created_at_unix = this.created_at.ts_unix()"#,
                #"{"created_at":"2021-03-09T19:12:07Z"}"#, #"{"created_at_unix":1615317127}"#)
        ]
    ) { target, _, _ in .int(try target.getTimestamp().unixSeconds) }
}
