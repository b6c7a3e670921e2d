import Bloblang
import Foundation
import StreamRuntime

extension StreamComponents.ProcessorSpecs {
    static let http = ComponentSpec(
        .processor, "http",
        summary: "Sends each message to an HTTP endpoint and replaces it with the response.",
        description: """
            The message content is the request body (none for a GET of an empty message). A response with a \
            2xx status (or one listed in `successful_on`) replaces the content, and its status goes into the \
            metadata field `http_status_code`, with the response headers selected by `extract_headers`.

            Failed attempts are retried up to `retries` times: after `retry_period`, or, for the codes in \
            `backoff_on` (429 by default), after a pause that doubles each time up to `max_retry_backoff`. \
            Codes in `drop_on` fail at once. When the last attempt fails the message keeps its content and is \
            flagged with the error (see `error()`, `catch`), with `http_status_code` set when a response came.

            Connections are pooled and reused. With `parallel: true` the messages of a batch are sent \
            concurrently.
            """,
        fields: HTTPRequester.fields + [
            FieldSpec(
                "extract_headers",
                .object([
                    FieldSpec("include_prefixes", .array(.string), "Response headers with these prefixes become metadata.", default: .array([])),
                    FieldSpec("include_patterns", .array(.string), "Response headers matching these regular expressions become metadata.", default: .array([])),
                ]), "Which response headers to copy into the metadata (lower-case names).", default: .object([:]), advanced: true),
            FieldSpec("parallel", .bool, "Send the messages of a batch concurrently.", default: .bool(false), advanced: true),
        ],
        examples: [
            ConfigExample(
                "Call a model",
                summary: "Sends each request to an inference service, retrying on 5xx and backing off on 429.",
                yaml: """
                    http:
                      url: http://127.0.0.1:8081/inference
                      verb: POST
                      headers:
                        Content-Type: application/json
                      timeout: 30s
                      retries: 3
                      retry_period: 500ms
                    """)
        ]
    ) { config, context in
        .processor(
            HTTPProcessor(
                requester: try HTTPRequester(config, context),
                extractHeaders: try MetadataFilter(config.object("extract_headers"), lowercased: true),
                parallel: try config.bool("parallel")))
    }
}

/// The `http` processor.
struct HTTPProcessor: Processor {
    let requester: HTTPRequester
    let extractHeaders: MetadataFilter
    let parallel: Bool

    func process(_ batch: Batch) async -> [Batch] {
        if !parallel || batch.count == 1 {
            var out = batch
            for i in batch.indices { out[i] = await call(batch, i) }
            return [out]
        }
        return [
            await withTaskGroup(of: (Int, Message).self) { group in
                for i in batch.indices { group.addTask { (i, await call(batch, i)) } }
                var out = batch
                for await (i, m) in group { out[i] = m }
                return out
            }
        ]
    }

    private func call(_ batch: Batch, _ index: Int) async -> Message {
        var message = batch[index]
        do {
            let reply = try await requester.send(batch, index: index)
            message.setContent(reply.body)
            message.metadata["http_status_code"] = .string(String(reply.status))
            for (name, value) in reply.headers where extractHeaders.matches(name.lowercased()) {
                message.metadata[name.lowercased()] = .string(value)
            }
        } catch {
            if let status = error.reply?.status { message.metadata["http_status_code"] = .string(String(status)) }
            message.error = error.description
        }
        return message
    }
}
