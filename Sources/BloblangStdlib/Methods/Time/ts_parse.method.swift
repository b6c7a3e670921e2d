import Bloblang

extension MethodSpec {
    static let tsParse = MethodSpec(
        "ts_parse", category: .time, status: .beta,
        summary: "Parses a string into a timestamp with a Go reference-time layout.",
        description: """
            The layout shows how the reference time `Mon Jan 2 15:04:05 -0700 MST 2006` would be \
            written, e.g. `2006-01-02` for a date. Without zone information in the input the \
            result is in UTC. Use `ts_strptime` for strptime-style formats.
            """,
        params: [.string("format", "The layout of the input, written with Go's reference time.")],
        examples: [
            Example(
                #"root.doc.timestamp = this.doc.timestamp.ts_parse("2006-Jan-02")"#,
                #"{"doc":{"timestamp":"2021-Mar-09"}}"#, #"{"doc":{"timestamp":"2021-03-09T00:00:00Z"}}"#),
            Example(
                #"root.parsed = this.timestamp.ts_parse("Jan 2, 2006 at 3:04pm (MST)")"#,
                #"{"timestamp":"Mar 9, 2021 at 7:12pm (UTC)"}"#, #"{"parsed":"2021-03-09T19:12:00Z"}"#),
        ],
        prepare: { args in
            let layout = args.string(0)
            return { target, _ in
                .timestamp(try GoTimeLayout.parse(try target.getString(), layout: layout, defaultZone: nil))
            }
        }
    )
}
