import StreamRuntime

/// Builds the child outputs of `broker` and `switch`, which, as in Benthos, may carry their
/// own `processors` applied only to the messages sent to that child.
enum ChildOutput {
    static func build(_ node: ConfigNode, path: String, context: BuildContext) throws(ConfigError) -> any Output {
        guard case .mapping(let entries, let location) = node, let processorsNode = node["processors"] else {
            return try context.buildOutput(node, path: path)
        }
        let output = try context.buildOutput(.mapping(entries.filter { $0.key != "processors" }, location), path: path)
        let processors = try context.buildProcessors(processorsNode, path: "\(path).processors")
        return processors.isEmpty ? output : ProcessedOutput(processors: processors, output: output)
    }
}

/// Runs processors over each batch before writing what they produce to an output.
struct ProcessedOutput: Output {
    let processors: [any Processor]
    let output: any Output

    func connect() async throws { try await output.connect() }

    func write(_ batch: Batch) async throws {
        var batches = [batch]
        for processor in processors {
            var next: [Batch] = []
            for b in batches { next.append(contentsOf: await processor.process(b)) }
            batches = next
        }
        for b in batches where !b.isEmpty { try await output.write(b) }
    }

    func close() async {
        for processor in processors { await processor.close() }
        await output.close()
    }
}
