import StreamRuntime

extension ComponentSpec {
    /// `inproc`: batches sent by an `inproc` output of the same process.
    static let inprocInput = ComponentSpec(
        .input, "inproc",
        summary: "Receives the batches that an `inproc` output with the same name sends within this process.",
        description: """
            The config is just the channel name. Channels live for the whole process and either side may \
            start first: the input waits until batches are sent. An acknowledgement given by this pipeline \
            travels back to the sending output, so the sender's write finishes only once the batch was \
            delivered (or fails if it was rejected). Several inputs on one name take batches in turn. The \
            input never ends on its own.

            Avoid feeding a stream's own output back into its input: the loop can deadlock.
            """,
        fields: [FieldSpec("", .string, "The name of the channel.", default: .string(""), examples: [.string("enriched")])],
        examples: [
            ConfigExample(
                "Consume another stream",
                summary: "Reads what a stream in the same process writes with `output: { inproc: enriched }`.",
                yaml: """
                    input:
                      inproc: enriched
                    output:
                      stdout: {}
                    """)
        ]
    ) { config, _ in
        .input(InprocInput(name: try config.string("")))
    }
}

/// Reads batches from a named in-process channel.
struct InprocInput: Input {
    let name: String

    func connect() async throws {}

    func read() async throws -> (Batch, AckHandler) {
        let channel = await InprocRegistry.shared.channel(named: name)
        return try await channel.receive()
    }

    func close() async {}
}
