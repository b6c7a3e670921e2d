import Bloblang
import StreamRuntime

extension ComponentSpec {
    /// `http_client`: each message sent as an HTTP request.
    static let httpClientOutput = ComponentSpec(
        .output, "http_client",
        summary: "Sends each message as an HTTP request; the write succeeds when every request did.",
        description: """
            Requests are built and retried as in the `http` processor (`url` and `headers` interpolated per \
            message, `retries`, `retry_period`, `backoff_on`, `drop_on`, `successful_on`). A request that \
            still fails after its retries fails the write, so the batch is nacked and its input may \
            redeliver it. `max_in_flight` batches are written at once.
            """,
        fields: HTTPRequester.fields + [
            FieldSpec("max_in_flight", .int, "How many batches may be written at once.", default: .int(64))
        ],
        examples: [
            ConfigExample(
                "Forward to a webhook",
                summary: "Posts every line of standard input to a webhook as JSON.",
                yaml: """
                    input:
                      stdin: {}
                    output:
                      http_client:
                        url: http://127.0.0.1:9000/hook
                        verb: POST
                        headers:
                          Content-Type: application/json
                    """)
        ]
    ) { config, context in
        .output(HTTPClientOutput(requester: try HTTPRequester(config, context)))
    }
}

/// The `http_client` output.
struct HTTPClientOutput: Output {
    let requester: HTTPRequester

    func connect() async throws {}

    func write(_ batch: Batch) async throws {
        for i in batch.indices { _ = try await requester.send(batch, index: i) }
    }

    func close() async {}
}
