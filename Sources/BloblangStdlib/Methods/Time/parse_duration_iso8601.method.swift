import Bloblang

extension MethodSpec {
    static let parseDurationIso8601 = MethodSpec(
        "parse_duration_iso8601", category: .time, status: .beta,
        summary: "Parses an ISO 8601 duration such as `P3Y6M4DT12H30M5S` into nanoseconds.",
        description: """
            The form is `P[n]Y[n]M[n]W[n]DT[n]H[n]M[n]S`, optionally signed. Only the last \
            non-zero field may have a fraction, and seconds keep every decimal place. Years count \
            as 365.2425 days, months as a twelfth of that and days as 24 hours, so the result is \
            approximate when those fields are used.
            """,
        examples: [
            Example(
                #"root.delay_for_ns = this.delay_for.parse_duration_iso8601()"#,
                #"{"delay_for":"P1DT2H"}"#, #"{"delay_for_ns":93600000000000}"#),
            Example(
                #"root.delay_for_s = this.delay_for.parse_duration_iso8601() / 1000000000"#,
                #"{"delay_for":"PT1M30S"}"#, #"{"delay_for_s":90}"#),
        ]
    ) { target, _, _ in .int(try ISO8601Period.parse(try target.getString()).durationApprox) }
}
