import Bloblang
import StreamRuntime

extension StreamComponents.ProcessorSpecs {
    static let `try` = ComponentSpec(
        .processor, "try",
        summary: "Runs child processors on each message until one of them fails; a message that already failed skips them all.",
        description: """
            Each message of the batch goes through the children on its own. As soon as a message is \
            flagged with an error (by an earlier processor, or by a child), the children that remain are \
            skipped for it and it goes on with its error. Follow a `try` with a `catch` to handle the \
            messages that failed.

            Because `catch` clears errors only after its own children have run, a `try` nested in a \
            `catch` runs only once the error has been cleared, for example by an empty `catch: []` \
            placed before it.
            """,
        fields: [FieldSpec("", .processors, "The processors to run on each message.", default: .array([]))],
        examples: [
            ConfigExample(
                "Stop at the first failure",
                summary: "Parse the document, then enrich it only if parsing worked.",
                yaml: """
                    try:
                      - mapping: 'root = content().parse_json()'
                      - mutation: 'root.length = this.text.length()'
                    """)
        ]
    ) { config, ctx in
        let observer = ProcessorObserver(config, ctx)
        let children = try ProcessorObserver.buildChildren(ctx, config.field(""), path: config.path)
        return .processor(TryProcessor(children: children))
    }
}

/// The `try` processor.
struct TryProcessor: Processor {
    let children: [any Processor]

    func process(_ batch: Batch) async -> [Batch] {
        let results = await ProcessorChain.executeTry(children, ProcessorChain.singletons(batch))
        return ProcessorChain.flatten(results)
    }

    func close() async { await ProcessorChain.closeAll(children) }
}
