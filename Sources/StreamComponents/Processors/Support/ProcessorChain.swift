import StreamRuntime

/// Runs lists of child processors over batches, the three ways Benthos composes them.
enum ProcessorChain {
    /// Every processor in turn over every batch; errored messages carry on through.
    static func executeAll(_ processors: [any Processor], _ batches: [Batch]) async -> [Batch] {
        await ProcessorList.executeAll(processors, batches)
    }

    /// Like `executeAll`, but a batch whose first message has failed skips the remaining
    /// processors (the `try` semantics).
    static func executeTry(_ processors: [any Processor], _ batches: [Batch]) async -> [Batch] {
        var current = batches
        for p in processors {
            if current.isEmpty { break }
            var next: [Batch] = []
            for b in current {
                if b.first?.isErrored ?? false {
                    next.append(b)
                    continue
                }
                next.append(contentsOf: await p.process(b))
            }
            current = next
        }
        return current
    }

    /// Runs the processors only on batches whose first message has failed, keeping the
    /// original order of the batches (the `catch` semantics). Errors are left as they are.
    static func executeCatch(_ processors: [any Processor], _ batches: [Batch]) async -> [Batch] {
        var groups: [(batches: [Batch], caught: Bool)] = batches.map { ([$0], $0.first?.isErrored ?? false) }
        for p in processors {
            for j in groups.indices where groups[j].caught && !groups[j].batches.isEmpty {
                var next: [Batch] = []
                for b in groups[j].batches { next.append(contentsOf: await p.process(b)) }
                groups[j].batches = next
            }
        }
        return groups.flatMap(\.batches)
    }

    /// Each message as its own batch.
    static func singletons(_ batch: Batch) -> [Batch] { batch.map { [$0] } }

    /// All messages of the batches, in order, as one batch; nothing when there are none.
    static func flatten(_ batches: [Batch]) -> [Batch] {
        let all = batches.flatMap { $0 }
        return all.isEmpty ? [] : [all]
    }

    static func closeAll(_ processors: [any Processor]) async { await ProcessorList.closeAll(processors) }
}
