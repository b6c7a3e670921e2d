import Bloblang

extension MethodSpec {
    static let parseTimestampStrptime = MethodSpec(
        "parse_timestamp_strptime", category: .deprecated, status: .deprecated,
        summary: "Parses a string with a strptime format and returns it as an RFC 3339 string.",
        description: "Replaced by `ts_strptime`, which returns a timestamp value.",
        params: [.string("format", "The strptime format of the input.")],
        examples: [
            Example(
                #"root.doc.timestamp = this.doc.timestamp.parse_timestamp_strptime("%Y-%b-%d")"#,
                #"{"doc":{"timestamp":"2021-Mar-09"}}"#, #"{"doc":{"timestamp":"2021-03-09T00:00:00Z"}}"#)
        ],
        prepare: { args in
            let format = args.string(0)
            return { target, _ in .string(try Strftime.parse(try target.getString(), format: format).rfc3339Nano) }
        }
    )
}
