import Bloblang

extension MethodSpec {
    static let tsFormat = MethodSpec(
        "ts_format", category: .time, status: .beta,
        summary: "Formats a timestamp as a string with a Go reference-time layout.",
        description: """
            The layout shows how the reference time `Mon Jan 2 15:04:05 -0700 MST 2006` should \
            look, and defaults to RFC 3339 with nanoseconds. The target may be a timestamp, an \
            RFC 3339 string or a number of Unix seconds (fractions allowed). Use `ts_strftime` \
            for strftime-style formats.
            """,
        params: TimeMethodSupport.formatParams,
        examples: [
            Example(
                #"root.something_at = this.created_at.ts_format("2006-Jan-02 15:04:05")"#,
                #"{"created_at":"2021-03-09T19:12:07.25Z"}"#, #"{"something_at":"2021-Mar-09 19:12:07"}"#),
            Example(
                #"root.something_at = this.created_at.ts_format(format: "2006-Jan-02 15:04:05", tz: "UTC")"#,
                #"{"created_at":1615317127}"#, #"{"something_at":"2021-Mar-09 19:12:07"}"#),
            Example(
                #"root.something_at = this.created_at.ts_format("Mon, 02 Jan 2006 15:04:05 MST", "America/New_York")"#,
                #"{"created_at":"2021-03-09T19:12:07Z"}"#, #"{"something_at":"Tue, 09 Mar 2021 14:12:07 EST"}"#),
        ],
        prepare: TimeMethodSupport.prepareFormat
    )
}
