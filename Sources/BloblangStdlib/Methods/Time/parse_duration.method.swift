import Bloblang

extension MethodSpec {
    static let parseDuration = MethodSpec(
        "parse_duration", category: .time,
        summary: "Parses a Go duration string such as `1h30m` into nanoseconds.",
        description: """
            A duration is a signed sequence of decimal numbers, each with an optional fraction \
            and a unit: `ns`, `us` (or `µs`), `ms`, `s`, `m` or `h`, e.g. `300ms`, `-1.5h` or \
            `2h45m`.
            """,
        examples: [
            Example(
                #"root.delay_for_ns = this.delay_for.parse_duration()"#,
                #"{"delay_for":"75us"}"#, #"{"delay_for_ns":75000}"#),
            Example(
                #"root.delay_for_s = this.delay_for.parse_duration() / 1000000000"#,
                #"{"delay_for":"1h30m"}"#, #"{"delay_for_s":5400}"#),
        ]
    ) { target, _, _ in .int(try GoDuration.parse(try target.getString())) }
}
