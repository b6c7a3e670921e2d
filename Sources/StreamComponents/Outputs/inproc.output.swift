import StreamRuntime

extension ComponentSpec {
    /// `inproc`: batches handed to `inproc` inputs of the same process.
    static let inprocOutput = ComponentSpec(
        .output, "inproc",
        summary: "Sends batches to the `inproc` inputs with the same name within this process.",
        description: """
            The config is just the channel name. A write waits until an input takes the batch and returns \
            once the receiving pipeline acknowledged it; if that pipeline rejects the batch, the write fails \
            with its reason, so acknowledgements hold end to end across streams. With several inputs on one \
            name, batches go to them in turn.

            Avoid feeding a stream's own output back into its input: the loop can deadlock.
            """,
        fields: [FieldSpec("", .string, "The name of the channel.", default: .string(""), examples: [.string("enriched")])],
        examples: [
            ConfigExample(
                "Hand results to another stream",
                summary: "Another stream in the same process reads these with `input: { inproc: enriched }`.",
                yaml: """
                    input:
                      stdin: {}
                    pipeline:
                      processors:
                        - mapping: 'root = {"line": content().string(), "length": content().length()}'
                    output:
                      inproc: enriched
                    """)
        ]
    ) { config, _ in
        .output(InprocOutput(name: try config.string("")))
    }
}

/// The error of an `inproc` write whose batch the receiving pipeline rejected.
struct InprocRejected: Error, CustomStringConvertible {
    var description: String
}

/// Writes batches to a named in-process channel and waits for their acknowledgement.
struct InprocOutput: Output {
    let name: String

    func connect() async throws {}

    func write(_ batch: Batch) async throws {
        guard !batch.isEmpty else { return }
        let channel = await InprocRegistry.shared.channel(named: name)
        switch try await channel.send(batch) {
        case .ack: return
        case .nack(let reason): throw InprocRejected(description: reason)
        }
    }

    func close() async {}
}
