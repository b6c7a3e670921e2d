import Bloblang

extension MethodSpec {
    static let formatTimestamp = MethodSpec(
        "format_timestamp", category: .deprecated, status: .deprecated,
        summary: "Formats a timestamp as a string with a Go reference-time layout.",
        description: "The old name of `ts_format`.",
        params: TimeMethodSupport.formatParams,
        examples: [
            Example(
                #"root.something_at = this.created_at.format_timestamp("2006-Jan-02 15:04:05")"#,
                #"{"created_at":"2021-03-09T19:12:07.25Z"}"#, #"{"something_at":"2021-Mar-09 19:12:07"}"#)
        ],
        prepare: TimeMethodSupport.prepareFormat
    )
}
