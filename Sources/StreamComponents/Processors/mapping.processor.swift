import Bloblang
import StreamRuntime

extension StreamComponents.ProcessorSpecs {
    static let mapping = ComponentSpec(
        .processor, "mapping",
        summary: "Runs a Bloblang mapping on each message and replaces the message with the document it builds (or drops it).",
        description: """
            The mapping builds a new document from an empty `root`; the input stays readable, unchanged, \
            through `this` for the whole mapping. When the mapping assigns nothing to `root` the content is \
            kept as it was. Metadata starts as the message's own and takes the changes made with `meta`.

            A mapping can live in its own file: `mapping: 'import "./stage.blobl"'` (relative to the \
            config file) or `from "./stage.blobl"`.

            If the mapping fails, the message goes on unchanged, flagged with the error (read it with \
            `error()`; handle it with `catch`, `try` or `switch`), and the error is logged. \
            `root = deleted()` removes the message from the batch.
            """,
        fields: [FieldSpec("", .bloblang, "The Bloblang mapping to run on each message.")],
        examples: [
            ConfigExample(
                "Keep the keen fans",
                summary: "Reduce each document to its id and the fans whose obsession score is above 0.5.",
                yaml: """
                    mapping: |
                      root.id = this.id
                      root.fans = this.fans.filter(fan -> fan.obsession > 0.5)
                    """),
            ConfigExample(
                "Join cities of one state",
                summary: "Collect the names of the Washington locations into one sorted string.",
                yaml: """
                    mapping: |
                      root.Cities = this.locations.filter(loc -> loc.state == "WA").map_each(loc -> loc.name).sort().join(", ")
                    """),
        ]
    ) { config, ctx in
        let observer = ProcessorObserver(config, ctx)
        let mapper = try MessageMapper(config, "", ctx)
        return .processor(MappingProcessor(mapper: mapper, observer: observer))
    }
}

/// The `mapping` (and `bloblang`) processor: each message becomes the mapping's new document.
struct MappingProcessor: Processor {
    let mapper: MessageMapper
    let observer: ProcessorObserver

    func process(_ batch: Batch) async -> [Batch] {
        // Inline unless the mapping may recurse (no closure to allocate per batch then).
        mapper.mayRecurse ? await mapper.evaluate { run(batch) } : run(batch)
    }

    private func run(_ batch: Batch) -> [Batch] {
        // Each message is read once: its parsed document need not go back into the batch.
        mapper.mapEach(batch, logger: observer.logger) { ctx, message, i, batchMessages throws(RuntimeError) in
            try mapper.mapPart(ctx, message: &message, index: i, size: batch.count, batch: batchMessages)
        }
    }
}
