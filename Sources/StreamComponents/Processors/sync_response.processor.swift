import Bloblang
import StreamRuntime

extension StreamComponents.ProcessorSpecs {
    static let syncResponse = ComponentSpec(
        .processor, "sync_response",
        summary: "Sets the batch, as it stands, as the response to the request it came from, and passes it on.",
        description: """
            Does what the `sync_response` output does, but in the middle of the pipeline: the input that \
            answers its callers (such as `http_server`) replies with the messages as they were here, once the \
            batch is acknowledged by the output. Messages that came from an input without synchronous \
            responses pass through untouched, so the processor is safe in any pipeline.
            """,
        fields: [FieldSpec("", .object([]), "No options; write `{}`.", default: .object([:]))],
        examples: [
            ConfigExample(
                "Answer from here",
                summary: "Sets the message as it is now as the reply; later processors and the output do not change it.",
                yaml: "sync_response: {}")
        ]
    ) { _, _ in
        .processor(SyncResponseProcessor())
    }
}

/// The `sync_response` processor.
struct SyncResponseProcessor: Processor {
    func process(_ batch: Batch) async -> [Batch] {
        if let first = batch.first, SyncResponse.requestID(of: first) != nil {
            // A request that is no longer waiting (timed out) simply gets nothing.
            try? SyncResponse.setAsResponse(batch)
        }
        return [batch]
    }
}
