import Bloblang

extension MethodSpec {
    static let tsStrftime = MethodSpec(
        "ts_strftime", category: .time, status: .beta,
        summary: "Formats a timestamp as a string with a strftime format such as `%Y-%m-%d`.",
        description: """
            `%f` prints microseconds. The target may be a timestamp, an RFC 3339 string or a \
            number of Unix seconds. Use `ts_format` for Go reference-time layouts.
            """,
        params: TimeMethodSupport.strftimeParams,
        examples: [
            Example(
                #"root.something_at = this.created_at.ts_strftime("%Y-%b-%d %H:%M:%S")"#,
                #"{"created_at":"2021-03-09T19:12:07.25Z"}"#, #"{"something_at":"2021-Mar-09 19:12:07"}"#),
            Example(
                #"root.something_at = this.created_at.ts_strftime("%Y-%b-%d %H:%M:%S.%f", "UTC")"#,
                #"{"created_at":"2021-03-09T19:12:07.25Z"}"#, #"{"something_at":"2021-Mar-09 19:12:07.250000"}"#),
        ],
        prepare: TimeMethodSupport.prepareStrftime
    )
}
