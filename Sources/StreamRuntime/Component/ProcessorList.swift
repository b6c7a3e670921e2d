/// Runs a list of processors over batches the way Benthos's `ExecuteAll` does: every batch
/// through the first processor, all of its results through the next, and so on. Errored
/// messages carry on through; an empty result filters.
public enum ProcessorList {
    /// The batches that come out of the last processor (empty batches dropped).
    public static func executeAll(_ processors: [any Processor], _ batches: [Batch]) async -> [Batch] {
        var current = batches.filter { !$0.isEmpty }
        for p in processors {
            if current.isEmpty { break }
            var next: [Batch] = []
            for b in current { next.append(contentsOf: await p.process(b)) }
            current = next.filter { !$0.isEmpty }
        }
        return current
    }

    /// Closes every processor in order.
    public static func closeAll(_ processors: [any Processor]) async {
        for p in processors { await p.close() }
    }
}

/// An input with its own `processors:` (Benthos allows them on any input, also nested ones):
/// each batch read runs through them before the pipeline sees it. A batch they filter out
/// entirely is acknowledged at once, as the pipeline does for filtered batches.
public struct ProcessedInput: Input {
    let inner: any Input
    let processors: [any Processor]

    public init(_ inner: any Input, processors: [any Processor]) {
        self.inner = inner
        self.processors = processors
    }

    public func connect() async throws { try await inner.connect() }

    public func read() async throws -> (Batch, AckHandler) {
        while true {
            let (batch, ack) = try await inner.read()
            let out = await ProcessorList.executeAll(processors, [batch])
            if out.isEmpty {
                await ack(.ack)
                continue
            }
            return (out.flatMap { $0 }, ack)
        }
    }

    public func close() async {
        await inner.close()
        await ProcessorList.closeAll(processors)
    }
}

/// An output with its own `processors:`: each batch runs through them, then every resulting
/// batch is written. The write succeeds only when all of them were written.
public struct ProcessedOutput: Output {
    let inner: any Output
    let processors: [any Processor]

    public init(_ inner: any Output, processors: [any Processor]) {
        self.inner = inner
        self.processors = processors
    }

    public func connect() async throws { try await inner.connect() }

    public func write(_ batch: Batch) async throws {
        for b in await ProcessorList.executeAll(processors, [batch]) { try await inner.write(b) }
    }

    public func close() async {
        await inner.close()
        await ProcessorList.closeAll(processors)
    }
}
