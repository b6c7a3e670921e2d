import StreamRuntime

extension ComponentSpec {
    /// `drop`: every message discarded.
    static let dropOutput = ComponentSpec(
        .output, "drop",
        summary: "Discards every message, acknowledging it at once.",
        description:
            "Useful for benchmarks, for pipelines whose processors do all the work, and as a branch of a `switch` output that throws messages away.",
        fields: [],
        examples: [
            ConfigExample(
                "Measure a pipeline",
                summary: "Runs a mapping over generated messages and throws the results away.",
                yaml: """
                    input:
                      generate:
                        interval: ""
                        count: 1000
                        mapping: 'root = {"n": counter()}'
                    pipeline:
                      processors:
                        - mapping: 'root.double = this.n * 2'
                    output:
                      drop: {}
                    """)
        ]
    ) { _, _ in
        .output(DropOutput())
    }
}

/// Accepts and forgets every batch.
struct DropOutput: Output {
    func connect() async throws {}
    func write(_ batch: Batch) async throws {}
    func close() async {}
}
