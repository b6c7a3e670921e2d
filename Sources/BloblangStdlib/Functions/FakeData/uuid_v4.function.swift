import Bloblang

extension FunctionSpec {
    static let uuidV4 = FunctionSpec(
        "uuid_v4", category: .fakeData,
        summary: "Generates a random version 4 UUID.",
        description: "Each call gives a new identifier from 122 random bits, in the canonical 36-character form.",
        examples: [
            Example(#"root.id = uuid_v4()"#, "{}", #"{"id":"6f2ad4a2-7c2b-4b54-9b1e-3f6c9a2d5e10"}"#, deterministic: false)
        ]
    ) { _, _ in .string(UUIDValue.v4().string) }
}
