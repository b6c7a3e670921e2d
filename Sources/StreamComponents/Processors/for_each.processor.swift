import Bloblang
import StreamRuntime

extension StreamComponents.ProcessorSpecs {
    static let forEach = ComponentSpec(
        .processor, "for_each",
        summary: "Runs child processors on each message of a batch as if it were a batch of its own.",
        description: """
            Batch-wide behaviour of the children (`batch_index()`, `batch_size()`, `.from()`, \
            grouping) then sees one message at a time. Errors do not stop the children: every child \
            runs on every message. The results are joined back into one batch, in order.
            """,
        fields: [FieldSpec("", .processors, "The processors to run on each message.", default: .array([]))],
        examples: [
            ConfigExample(
                "Number each message on its own",
                summary: "Inside `for_each` every message is the first of its batch.",
                yaml: """
                    for_each:
                      - mutation: 'root.position = batch_index()'
                    """)
        ]
    ) { config, ctx in
        let observer = ProcessorObserver(config, ctx)
        let children = try ProcessorObserver.buildChildren(ctx, config.field(""), path: config.path)
        return .processor(ForEachProcessor(children: children))
    }
}

/// The `for_each` processor.
struct ForEachProcessor: Processor {
    let children: [any Processor]

    func process(_ batch: Batch) async -> [Batch] {
        var all: Batch = []
        for m in batch {
            for b in await ProcessorChain.executeAll(children, [[m]]) { all.append(contentsOf: b) }
        }
        return all.isEmpty ? [] : [all]
    }

    func close() async { await ProcessorChain.closeAll(children) }
}
