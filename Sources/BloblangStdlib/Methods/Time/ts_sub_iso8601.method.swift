import Bloblang

extension MethodSpec {
    static let tsSubIso8601 = MethodSpec(
        "ts_sub_iso8601", category: .time, status: .beta,
        summary: "Subtracts an ISO 8601 duration such as `P1Y2M3D` from a timestamp.",
        description: """
            Whole years, months, weeks and days move the calendar date back (so month lengths \
            and leap years count), then hours, minutes and seconds are taken away.
            """,
        params: [.string("duration", "The ISO 8601 duration, e.g. `P1Y2M3D` or `PT4H30M`.")],
        examples: [
            Example(
                #"root.last_year = this.created_at.ts_sub_iso8601("P1Y")"#,
                #"{"created_at":"2021-03-09T19:12:07Z"}"#, #"{"last_year":"2020-03-09T19:12:07Z"}"#),
            Example(
                #"root.past_date = this.created_at.ts_sub_iso8601("P1Y2M3DT4H5M6S")"#,
                #"{"created_at":"2022-04-03T04:05:06Z"}"#, #"{"past_date":"2021-01-31T00:00:00Z"}"#),
        ],
        prepare: { args in
            let period = try ISO8601Period.parse(args.string(0)).negated
            return { target, _ in .timestamp(period.add(to: try target.getTimestamp())) }
        }
    )
}
