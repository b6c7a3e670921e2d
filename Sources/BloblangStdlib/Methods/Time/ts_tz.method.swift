import Bloblang

extension MethodSpec {
    static let tsTz = MethodSpec(
        "ts_tz", category: .time, status: .beta,
        summary: "Shows the same instant of a timestamp in another time zone.",
        description: """
            The zone is "UTC", "Local" (the zone of the process) or an IANA name such as \
            "America/New_York". The target may be a timestamp, an RFC 3339 string or a number of \
            Unix seconds.
            """,
        params: [.string("tz", "The time zone to change to.")],
        examples: [
            Example(
                #"root.created_at_utc = this.created_at.ts_tz("UTC")"#,
                #"{"created_at":"2021-03-09T20:12:07+01:00"}"#, #"{"created_at_utc":"2021-03-09T19:12:07Z"}"#),
            Example(
                #"root.created_at_ny = this.created_at.ts_tz("America/New_York")"#,
                #"{"created_at":"2021-03-09T19:12:07Z"}"#, #"{"created_at_ny":"2021-03-09T14:12:07-05:00"}"#),
        ],
        prepare: { args in
            let zone = try TimeMethodSupport.zone(args.string(0)) ?? nil
            return { target, _ in .timestamp(try target.getTimestamp().in(zone)) }
        }
    )
}
