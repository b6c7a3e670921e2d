import Bloblang
import StreamRuntime

extension StreamComponents.ProcessorSpecs {
    static let mutation = ComponentSpec(
        .processor, "mutation",
        summary: "Runs a Bloblang mapping that changes each message in place: `root` starts as the message's document.",
        description: """
            Unlike `mapping`, `root` starts as the message's own document (when the content is JSON), so \
            assignments change fields of the message and everything not assigned stays as it was; \
            `root.field = deleted()` removes a field and `root = deleted()` drops the message. Metadata \
            changes made with `meta` apply to the message.

            This suits small edits to large documents; `mapping` suits building a document of a new shape.

            If the mapping fails, the message goes on unchanged, flagged with the error, and the error is \
            logged.
            """,
        fields: [FieldSpec("", .bloblang, "The Bloblang mapping to apply to each message.")],
        examples: [
            ConfigExample(
                "Drop a field and filter another",
                summary: "Remove the description and keep only the fans with an obsession score above 0.5.",
                yaml: """
                    mutation: |
                      root.description = deleted()
                      root.fans = this.fans.filter(fan -> fan.obsession > 0.5)
                    """)
        ]
    ) { config, ctx in
        let observer = ProcessorObserver(config, ctx)
        let mapper = try MessageMapper(config, "", ctx, onto: true)
        return .processor(MutationProcessor(mapper: mapper, observer: observer))
    }
}

/// The `mutation` processor: the mapping runs onto each message's own document.
struct MutationProcessor: Processor {
    let mapper: MessageMapper
    let observer: ProcessorObserver

    func process(_ batch: Batch) async -> [Batch] {
        // Inline unless the mapping may recurse (no closure to allocate per batch then).
        mapper.mayRecurse ? await mapper.evaluate { run(batch) } : run(batch)
    }

    private func run(_ batch: Batch) -> [Batch] {
        mapper.mapEach(batch, logger: observer.logger) { ctx, message, i, batchMessages throws(RuntimeError) in
            // The message is both the target and what `this` reads: parse it once.
            _ = try? message.structured()
            let target = message
            return try mapper.mapOnto(
                target, ctx, message: &message, index: i, size: batch.count, batch: batchMessages,
                thisFollowsRoot: true)
        }
    }
}
