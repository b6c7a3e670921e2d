import Bloblang

extension MethodSpec {
    static let tsSub = MethodSpec(
        "ts_sub", category: .time, status: .beta,
        summary: "The signed nanoseconds from a second timestamp to the target (`t1 - t2`).",
        description: """
            The result is negative when the target is the earlier of the two; chain `.abs()` for \
            the distance alone. Results beyond about 292 years are clamped.
            """,
        params: [ParameterSpec("t2", .timestamp, "The timestamp to subtract from the target.")],
        examples: [
            Example(
                #"root.between = this.started_at.ts_sub("2021-03-09T19:12:07Z").abs()"#,
                #"{"started_at":"2021-03-08T19:12:07Z"}"#, #"{"between":86400000000000}"#),
            Example(
                #"root.duration_ns = this.end_time.ts_sub(this.start_time)"#,
                #"{"start_time":"2021-03-09T10:00:00Z","end_time":"2021-03-09T11:30:00Z"}"#,
                #"{"duration_ns":5400000000000}"#),
        ],
        prepare: { args in
            let t2 = try args[0].getTimestamp()
            return { target, _ in .int(try target.getTimestamp().nanoseconds(since: t2)) }
        }
    )
}
