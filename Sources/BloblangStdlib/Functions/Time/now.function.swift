import Bloblang

extension FunctionSpec {
    static let now = FunctionSpec(
        "now", category: .environment,
        summary: "The current time as an RFC 3339 string with nanoseconds, in the local time zone.",
        description: "The result is a string, not a timestamp; chain `ts_format` to change its layout or zone.",
        examples: [
            Example(
                #"root.received_at = now()"#, "{}", #"{"received_at":"2021-03-09T19:12:07.123456789Z"}"#, deterministic: false),
            Example(
                #"root.received_at = now().ts_format("Mon Jan 2 15:04:05 -0700 MST 2006", "UTC")"#, "{}",
                #"{"received_at":"Tue Mar 9 19:12:07 +0000 UTC 2021"}"#, deterministic: false),
        ]
    ) { _, _ in .string(Timestamp.nowLocal().rfc3339Nano) }
}
