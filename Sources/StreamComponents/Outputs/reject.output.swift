import Bloblang
import StreamRuntime

extension ComponentSpec {
    /// `reject`: every write fails with an interpolated error.
    static let rejectOutput = ComponentSpec(
        .output, "reject",
        summary:
            "Fails every write with the given error message, as if the destination had refused the messages, so that they are nacked.",
        description: """
            The config is the error text, an interpolated string evaluated against the first message of the \
            batch (for instance `${! error() }` to pass a processing error on). What happens next depends on \
            the input: sources that can redeliver will send the messages again, others give up on them. \
            Typically used as the last case of a `switch` output for messages that failed processing.
            """,
        fields: [
            FieldSpec(
                "", .interpolatedString, "The error message of the rejection (interpolated per batch).",
                default: .string(""), examples: [.string("processing failed: ${! error() }")])
        ],
        examples: [
            ConfigExample(
                "Reject failed messages",
                summary: "Writes messages that processed cleanly and rejects the others with their error.",
                yaml: """
                    input:
                      stdin: {}
                    pipeline:
                      processors:
                        - mapping: 'root = this'
                    output:
                      switch:
                        retry_until_success: false
                        cases:
                          - check: '!errored()'
                            output:
                              stdout: {}
                          - output:
                              reject: "processing failed due to: ${! error() }"
                    """)
        ]
    ) { config, context in
        let text = try config.string("")
        if text.isEmpty {
            throw config.error("an error message must be provided in order to provide context for the rejection", field: "")
        }
        return .output(RejectOutput(message: try context.interpolated(config, ""), environment: context.environment))
    }
}

/// The error a `reject` output fails with.
struct RejectionError: Error, CustomStringConvertible, Sendable {
    var description: String
}

/// Fails every write.
struct RejectOutput: Output {
    let message: InterpolatedString
    let environment: Environment

    func connect() async throws {}

    func write(_ batch: Batch) async throws {
        let text: String
        do {
            text = try IOMessageContext.render(message, environment: environment, batch: batch, index: 0)
        } catch {
            throw RejectionError(description: "reject message interpolation error: \(error.message)")
        }
        throw RejectionError(description: text)
    }

    func close() async {}
}
