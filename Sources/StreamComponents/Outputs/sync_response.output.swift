import StreamRuntime

extension ComponentSpec {
    /// `sync_response`: the batch stored as the reply to the request it came from.
    static let syncResponseOutput = ComponentSpec(
        .output, "sync_response",
        summary:
            "Stores each batch as the response to the request it came from, for inputs that answer their callers (such as an HTTP server input).",
        description: """
            The batch is matched to its request by an id that the input puts on each message; the input \
            replies with what was stored once the batch is acknowledged. A batch \
            whose messages carry no request id, or whose request is no longer waiting, fails to write with \
            `result store not found within batch context`, as in Benthos.

            It combines with other outputs through a `broker`: for instance fan out to a store and to \
            `sync_response`, with processors on the `sync_response` branch shaping the reply.
            """,
        fields: [],
        examples: [
            ConfigExample(
                "Reply with the processed message",
                summary: "Answers each request with the upper-cased body and also prints it.",
                yaml: """
                    input:
                      inproc: requests
                    output:
                      broker:
                        pattern: fan_out
                        outputs:
                          - stdout: {}
                          - sync_response: {}
                    """)
        ]
    ) { _, _ in
        .output(SyncResponseOutput())
    }
}

/// Stores batches in `SyncResponse.store`.
struct SyncResponseOutput: Output {
    func connect() async throws {}

    func write(_ batch: Batch) async throws {
        guard !batch.isEmpty else { return }
        try SyncResponse.setAsResponse(batch)
    }

    func close() async {}
}
