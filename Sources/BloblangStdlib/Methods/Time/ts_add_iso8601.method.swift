import Bloblang

extension MethodSpec {
    static let tsAddIso8601 = MethodSpec(
        "ts_add_iso8601", category: .time, status: .beta,
        summary: "Adds an ISO 8601 duration such as `P1Y2M3D` to a timestamp.",
        description: """
            Whole years, months, weeks and days move the calendar date (so month lengths and \
            leap years count), then hours, minutes and seconds are added. A duration with a \
            fractional year, month, week or day is added as an approximate length instead.
            """,
        params: [.string("duration", "The ISO 8601 duration, e.g. `P1Y2M3D` or `PT4H30M`.")],
        examples: [
            Example(
                #"root.next_year = this.created_at.ts_add_iso8601("P1Y")"#,
                #"{"created_at":"2021-03-09T19:12:07Z"}"#, #"{"next_year":"2022-03-09T19:12:07Z"}"#),
            Example(
                #"root.future_date = this.created_at.ts_add_iso8601("P1Y2M3DT4H5M6S")"#,
                #"{"created_at":"2021-01-31T00:00:00Z"}"#, #"{"future_date":"2022-04-03T04:05:06Z"}"#),
        ],
        prepare: { args in
            let period = try ISO8601Period.parse(args.string(0))
            return { target, _ in .timestamp(period.add(to: try target.getTimestamp())) }
        }
    )
}
