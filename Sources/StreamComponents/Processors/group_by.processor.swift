import Bloblang
import StreamRuntime

extension StreamComponents.ProcessorSpecs {
    static let groupByFields: [FieldSpec] = [
        FieldSpec(
            "check", .bloblang, "A Bloblang query giving a boolean: true puts the message in this group.",
            examples: [#"this.type == "foo""#, "true"]),
        FieldSpec("processors", .processors, "The processors to run on the batch of this group.", default: .array([])),
    ]

    static let groupBy = ComponentSpec(
        .processor, "group_by",
        summary:
            "Splits a batch into several batches, one per group of messages chosen by a Bloblang check, and runs each group's processors on its batch.",
        description: """
            Each message joins the first group whose `check` passes; a check that fails is logged and \
            counts as not passing. Messages that join no group form a last batch of their own. The \
            resulting batches come out in the order of the groups, the ungrouped batch last.
            """,
        fields: [FieldSpec("", .array(.object(groupByFields)), "The groups, in order.", default: .array([]))],
        examples: [
            ConfigExample(
                "Group the foos",
                summary: "Put messages that mention foo in their own batch and tag them.",
                yaml: """
                    group_by:
                      - check: content().contains("foo")
                        processors:
                          - mapping: 'meta grouping = "foo"'
                    """)
        ]
    ) { config, ctx in
        let observer = ProcessorObserver(config, ctx)
        var groups: [GroupByProcessor.Group] = []
        for item in try config.listItems() {
            let c = ComponentConfig.nested(item.node, fields: groupByFields, path: item.path, name: "group_by")
            let check = try MessageMapper(c, "check", ctx)
            let processors = try ProcessorObserver.buildChildren(ctx, c.field("processors"), path: c.fieldPath("processors"))
            groups.append(.init(check: check, processors: processors))
        }
        return .processor(GroupByProcessor(groups: groups, observer: observer))
    }
}

/// The `group_by` processor.
struct GroupByProcessor: Processor {
    struct Group: Sendable {
        let check: MessageMapper
        let processors: [any Processor]
    }

    let groups: [Group]
    let observer: ProcessorObserver

    func process(_ batch: Batch) async -> [Batch] {
        if batch.isEmpty { return [] }
        let groups = self.groups
        let logger = observer.logger
        let deep = groups.contains { $0.check.mayRecurse }
        let membership = await MessageMapper.evaluate(deep: deep) { GroupByProcessor.assign(batch, groups, logger) }
        var grouped = [Batch](repeating: [], count: groups.count)
        var groupless: Batch = []
        for (m, g) in zip(batch, membership) {
            if let g { grouped[g].append(m) } else { groupless.append(m) }
        }
        var out: [Batch] = []
        for (j, g) in grouped.enumerated() where !g.isEmpty {
            out.append(contentsOf: await ProcessorChain.executeAll(groups[j].processors, [g]))
        }
        if !groupless.isEmpty { out.append(groupless) }
        return out
    }

    /// The index of the first group whose check passes for each message (nil: none).
    static func assign(_ batch: Batch, _ groups: [Group], _ logger: StructuredLogger) -> [Int?] {
        var reference = batch
        let batchMessages = MessageMapper.batchMessages(batch)
        let contexts = groups.map { $0.check.makeContext() }
        return batch.indices.map { i in
            for (j, g) in groups.enumerated() {
                do throws(RuntimeError) {
                    if try g.check.query(contexts[j], reference: &reference, index: i, batch: batchMessages) { return j }
                } catch {
                    logger.error("Failed to test group \(j): \(error.message)")
                }
            }
            return nil
        }
    }

    func close() async {
        for g in groups { await ProcessorChain.closeAll(g.processors) }
    }
}
