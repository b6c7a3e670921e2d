import Bloblang

extension FunctionSpec {
    static let uuidV7 = FunctionSpec(
        "uuid_v7", category: .fakeData,
        summary: "Generates a time-ordered version 7 UUID.",
        description: """
            The first 48 bits are the Unix time in milliseconds, so identifiers sort by creation \
            time; the rest is random. `time` sets the timestamp instead of the current time.
            """,
        params: [ParameterSpec("time", .timestamp, "The time to embed instead of now.").optional()],
        examples: [
            Example(#"root.id = uuid_v7()"#, "{}", #"{"id":"0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b"}"#, deterministic: false),
            Example(
                #"root.id = uuid_v7(this.at.ts_parse("2006-01-02T15:04:05Z07:00"))"#,
                #"{"at":"2024-06-01T00:00:00Z"}"#, #"{"id":"018fd118-9400-7c3e-9a4b-5d6e7f8091a2"}"#,
                deterministic: false),
        ]
    ) { args, _ in
        let at: Timestamp
        if case .timestamp(let t) = args[0] { at = t } else { at = Timestamp.now() }
        let ms = at.seconds &* 1000 &+ Int64(at.nanos) / 1_000_000
        return .string(UUIDValue.v7(unixMilliseconds: ms).string)
    }
}
