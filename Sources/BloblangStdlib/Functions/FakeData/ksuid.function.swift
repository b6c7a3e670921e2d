import Bloblang

extension FunctionSpec {
    static let ksuid = FunctionSpec(
        "ksuid", category: .fakeData,
        summary: "Generates a K-sortable unique identifier (KSUID).",
        description: """
            27 base-62 characters: a timestamp in seconds followed by 128 random bits, so \
            identifiers created later sort after earlier ones.
            """,
        examples: [Example(#"root.id = ksuid()"#, "{}", #"{"id":"2hFQ8Yc9YlE7bN1sQm3kWc0DxTr"}"#, deterministic: false)]
    ) { _, _ in .string(KSUID.generate(unixSeconds: Timestamp.now().seconds)) }
}
