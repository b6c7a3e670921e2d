import Bloblang

extension MethodSpec {
    static let tsRound = MethodSpec(
        "ts_round", category: .time, status: .beta,
        summary: "Rounds a timestamp to the nearest multiple of a duration in nanoseconds.",
        description: """
            Multiples are counted from January 1 of year 1, UTC, and halfway values round up. A \
            duration of zero or less leaves the timestamp as it is. Pair with `parse_duration` to \
            write the duration as text.
            """,
        params: [.int("duration", "The duration, in nanoseconds, to round to.")],
        examples: [
            Example(
                #"root.created_at_hour = this.created_at.ts_round("1h".parse_duration())"#,
                #"{"created_at":"2021-03-09T19:42:07Z"}"#, #"{"created_at_hour":"2021-03-09T20:00:00Z"}"#),
            Example(
                #"root.created_at_minute = this.created_at.ts_round("1m".parse_duration())"#,
                #"{"created_at":"2021-03-09T19:42:07Z"}"#, #"{"created_at_minute":"2021-03-09T19:42:00Z"}"#),
        ],
        prepare: { args in
            let duration = args.int(0)
            return { target, _ in .timestamp(try target.getTimestamp().rounded(toMultipleOf: duration)) }
        }
    )
}
