import Bloblang

extension MethodSpec {
    static let tsStrptime = MethodSpec(
        "ts_strptime", category: .time, status: .beta,
        summary: "Parses a string into a timestamp with a strptime format such as `%Y-%m-%d`.",
        description: """
            Besides the usual directives, `%f` reads up to six digits of fractional seconds. \
            Fields the format leaves out default to 1900-01-01 00:00:00 UTC. Use `ts_parse` for \
            Go reference-time layouts.
            """,
        params: [.string("format", "The strptime format of the input.")],
        examples: [
            Example(
                #"root.doc.timestamp = this.doc.timestamp.ts_strptime("%Y-%b-%d")"#,
                #"{"doc":{"timestamp":"2021-Mar-09"}}"#, #"{"doc":{"timestamp":"2021-03-09T00:00:00Z"}}"#),
            Example(
                #"root.doc.timestamp = this.doc.timestamp.ts_strptime("%Y-%b-%d %H:%M:%S.%f")"#,
                #"{"doc":{"timestamp":"2021-Mar-09 19:12:07.250000"}}"#,
                #"{"doc":{"timestamp":"2021-03-09T19:12:07.25Z"}}"#),
        ],
        prepare: { args in
            let format = args.string(0)
            return { target, _ in .timestamp(try Strftime.parse(try target.getString(), format: format)) }
        }
    )
}
