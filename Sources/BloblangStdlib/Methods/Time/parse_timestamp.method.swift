import Bloblang

extension MethodSpec {
    static let parseTimestamp = MethodSpec(
        "parse_timestamp", category: .deprecated, status: .deprecated,
        summary: "Parses a string with a Go reference-time layout and returns it as an RFC 3339 string.",
        description: "Replaced by `ts_parse`, which returns a timestamp value.",
        params: [.string("format", "The layout of the input, written with Go's reference time.")],
        examples: [
            Example(
                #"root.doc.timestamp = this.doc.timestamp.parse_timestamp("2006-Jan-02")"#,
                #"{"doc":{"timestamp":"2021-Mar-09"}}"#, #"{"doc":{"timestamp":"2021-03-09T00:00:00Z"}}"#)
        ],
        prepare: { args in
            let layout = args.string(0)
            return { target, _ in
                .string(try GoTimeLayout.parse(try target.getString(), layout: layout, defaultZone: nil).rfc3339Nano)
            }
        }
    )
}
