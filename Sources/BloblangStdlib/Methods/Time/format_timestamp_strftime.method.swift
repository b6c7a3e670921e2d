import Bloblang

extension MethodSpec {
    static let formatTimestampStrftime = MethodSpec(
        "format_timestamp_strftime", category: .deprecated, status: .deprecated,
        summary: "Formats a timestamp as a string with a strftime format.",
        description: "The old name of `ts_strftime`.",
        params: TimeMethodSupport.strftimeParams,
        examples: [
            Example(
                #"root.something_at = this.created_at.format_timestamp_strftime("%Y-%b-%d %H:%M:%S")"#,
                #"{"created_at":"2021-03-09T19:12:07.25Z"}"#, #"{"something_at":"2021-Mar-09 19:12:07"}"#)
        ],
        prepare: TimeMethodSupport.prepareStrftime
    )
}
