import Bloblang
import StreamRuntime

extension StreamComponents.ProcessorSpecs {
    static let `catch` = ComponentSpec(
        .processor, "catch",
        summary:
            "Runs child processors only on messages that an earlier processor flagged with an error, then clears the errors.",
        description: """
            Each message of the batch is considered on its own: messages without an error pass by the \
            children untouched; failed messages go through every child (their error still readable \
            with `error()`). When the messages leave the `catch`, all error flags are cleared.

            An empty `catch: []` simply clears the errors.
            """,
        fields: [FieldSpec("", .processors, "The processors to run on each failed message.", default: .array([]))],
        examples: [
            ConfigExample(
                "Log and recover",
                summary: "Log why a message failed and replace it with a description of the failure.",
                yaml: """
                    catch:
                      - log:
                          level: ERROR
                          message: 'processing failed: ${! error() }'
                      - mapping: 'root = {"failed": error(), "original": content().string()}'
                    """)
        ]
    ) { config, ctx in
        let observer = ProcessorObserver(config, ctx)
        let children = try ProcessorObserver.buildChildren(ctx, config.field(""), path: config.path)
        return .processor(CatchProcessor(children: children))
    }
}

/// The `catch` processor.
struct CatchProcessor: Processor {
    let children: [any Processor]

    func process(_ batch: Batch) async -> [Batch] {
        let results = await ProcessorChain.executeCatch(children, ProcessorChain.singletons(batch))
        var all = results.flatMap { $0 }
        if all.isEmpty { return [] }
        for i in all.indices { all[i].error = nil }
        return [all]
    }

    func close() async { await ProcessorChain.closeAll(children) }
}
