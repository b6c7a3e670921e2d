import Bloblang
import StreamRuntime
import Synchronization

extension ComponentSpec {
    /// `broker`: batches routed to several child outputs with a pattern.
    static let brokerOutput = ComponentSpec(
        .output, "broker",
        summary: "Routes messages to several child outputs following a brokering pattern.",
        description: """
            Patterns:

            - `fan_out`: every batch goes to every output, in parallel. A write finishes when all outputs \
            have it. An output that fails is retried on its own (with a pause growing from 500ms to 3s) until \
            it succeeds, so one bad output never makes the others receive duplicates; meanwhile it holds back \
            the following batches.
            - `fan_out_fail_fast`: like `fan_out`, but an output failure is not retried: the write fails and \
            the batch is nacked (the other outputs may then receive it again when it is redelivered).
            - `fan_out_sequential`: like `fan_out`, but the outputs are written one after another, each only \
            once the previous one succeeded.
            - `fan_out_sequential_fail_fast`: sequential, and the first failure fails the write.
            - `round_robin`: each batch goes to one output, taking them in turn. A failure fails the write.
            - `greedy`: each batch goes to one output, whichever is free first, so faster outputs take more.

            `copies` repeats the list of outputs that many times (useful with `greedy` and `round_robin` to \
            write in parallel). The `batching` field of Benthos is accepted but not applied yet: a warning is \
            logged when it is set.
            """,
        fields: [
            FieldSpec("copies", .int, "How many copies of each listed output to create.", default: .int(1), advanced: true),
            FieldSpec(
                "pattern", .string, "How batches are shared among the outputs.",
                default: .string("fan_out"), options: BrokerPattern.allCases.map(\.rawValue)),
            FieldSpec("outputs", .outputs, "The child outputs."),
            FieldSpec(
                "batching", .any,
                "Accepted for compatibility with Benthos configs but not applied yet (a warning is logged when set).",
                optional: true, advanced: true),
        ],
        examples: [
            ConfigExample(
                "Write everywhere",
                summary: "Sends every message both to standard output and to a file.",
                yaml: """
                    input:
                      stdin: {}
                    output:
                      broker:
                        pattern: fan_out
                        outputs:
                          - stdout: {}
                          - file:
                              path: ./copy.jsonl
                    """),
            ConfigExample(
                "Spread over files",
                summary: "Alternates messages between two files.",
                yaml: """
                    input:
                      generate:
                        count: 10
                        interval: ""
                        mapping: 'root = {"n": counter()}'
                    output:
                      broker:
                        pattern: round_robin
                        outputs:
                          - file:
                              path: ./even.jsonl
                          - file:
                              path: ./odd.jsonl
                    """),
        ]
    ) { config, context in
        try BrokerOutputBuilder.build(config, context)
    }
}

/// The brokering patterns of the `broker` output.
enum BrokerPattern: String, CaseIterable, Sendable {
    case fanOut = "fan_out"
    case fanOutFailFast = "fan_out_fail_fast"
    case fanOutSequential = "fan_out_sequential"
    case fanOutSequentialFailFast = "fan_out_sequential_fail_fast"
    case roundRobin = "round_robin"
    case greedy

    /// True for the patterns that retry a failing child until it succeeds.
    var retriesChildren: Bool { self == .fanOut || self == .fanOutSequential }
}

/// Builds a `broker` output from its config.
enum BrokerOutputBuilder {
    static func build(_ config: ComponentConfig, _ context: BuildContext) throws -> Component {
        let copies = try config.int("copies")
        let patternName = try config.string("pattern")
        guard let pattern = BrokerPattern(rawValue: patternName) else {
            throw config.error("broker pattern was not recognised: \(patternName)", field: "pattern")
        }
        if let batching = config.value("batching"), !isNoopBatching(batching) {
            context.logger.warn(
                "the batching field of a broker output is not supported yet and is ignored",
                ["path": .string(config.fieldPath("batching"))])
        }
        var children: [any Output] = []
        let nodes = try outputNodes(config, field: "outputs")
        for _ in 0..<max(copies, 0) {
            for (node, path) in nodes {
                var child = try context.buildOutput(node, path: path)
                if pattern.retriesChildren {
                    child = RetryingOutput(child, logger: context.logger, label: path)
                }
                children.append(child)
            }
        }
        if children.isEmpty {
            throw config.error("attempting to create broker output type with no outputs", field: "outputs")
        }
        if children.count == 1 { return .output(children[0]) }
        return .output(BrokerOutput(pattern: pattern, children: children))
    }

    /// The nodes of a list-of-outputs field, with their YAML paths.
    static func outputNodes(_ config: ComponentConfig, field: String) throws(ConfigError) -> [(ConfigNode, String)] {
        guard let node = config.field(field) else { return [] }
        guard case .sequence(let items, _) = node else {
            throw config.error("expected a list of outputs", field: field)
        }
        return items.enumerated().map { ($0.element, "\(config.fieldPath(field))[\($0.offset)]") }
    }

    /// True for an absent or all-zero batching policy.
    static func isNoopBatching(_ value: Value) -> Bool {
        guard case .object(let fields) = value else { return value.type == .null }
        for (key, v) in fields {
            switch (key, v) {
            case (_, .null): continue
            case ("count", .int(0)), ("byte_size", .int(0)): continue
            case ("period", .string("")), ("check", .string("")): continue
            case ("processors", .array(let a)) where a.isEmpty: continue
            default: return false
            }
        }
        return true
    }
}

/// Shares batches among child outputs according to a pattern.
struct BrokerOutput: Output {
    let pattern: BrokerPattern
    let children: [any Output]
    private let turn = RoundRobinCounter()
    private let pool: IdleOutputPool

    init(pattern: BrokerPattern, children: [any Output]) {
        self.pattern = pattern
        self.children = children
        self.pool = IdleOutputPool(count: children.count)
    }

    func connect() async throws {
        for child in children { try await child.connect() }
    }

    func write(_ batch: Batch) async throws {
        switch pattern {
        case .fanOut, .fanOutFailFast:
            try await fanOut(batch)
        case .fanOutSequential, .fanOutSequentialFailFast:
            for child in children { try await child.write(batch) }
        case .roundRobin:
            try await children[turn.next(modulo: children.count)].write(batch)
        case .greedy:
            let index = try await pool.acquire()
            defer { pool.release(index) }
            try await children[index].write(batch)
        }
    }

    func close() async {
        for child in children { await child.close() }
    }

    /// Writes to every child at once; fails with the first error once all have finished.
    private func fanOut(_ batch: Batch) async throws {
        let failures = await withTaskGroup(of: (Int, (any Error)?).self) { group in
            for (i, child) in children.enumerated() {
                group.addTask {
                    do {
                        try await child.write(batch)
                        return (i, nil)
                    } catch {
                        return (i, error)
                    }
                }
            }
            var failures: [(Int, any Error)] = []
            for await (i, error) in group {
                if let error { failures.append((i, error)) }
            }
            return failures.sorted { $0.0 < $1.0 }
        }
        if let first = failures.first { throw first.1 }
    }
}

/// A thread-safe turn counter for round robin.
final class RoundRobinCounter: Sendable {
    private let value = Mutex(0)

    func next(modulo count: Int) -> Int {
        value.withLock { v in
            let current = v % max(count, 1)
            v = current + 1
            return current
        }
    }
}

/// The children of a greedy broker that are not writing, handed to writers as they free up.
final class IdleOutputPool: Sendable {
    private struct State {
        var idle: [Int]
        var waiters: [(id: UInt64, continuation: CheckedContinuation<Int?, Never>)] = []
        var nextID: UInt64 = 0
    }

    private let state: Mutex<State>

    init(count: Int) { state = Mutex(State(idle: Array(0..<count))) }

    /// The index of a free child, waiting for one if all are busy.
    func acquire() async throws -> Int {
        let id = state.withLock { s in
            s.nextID += 1
            return s.nextID
        }
        let index = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Int?, Never>) in
                let ready: Int?? = state.withLock { s in
                    if !s.idle.isEmpty { return .some(s.idle.removeFirst()) }
                    if Task.isCancelled { return .some(nil) }
                    s.waiters.append((id, continuation))
                    return .none
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            let waiter = state.withLock { s in
                s.waiters.firstIndex { $0.id == id }.map { s.waiters.remove(at: $0) }
            }
            waiter?.continuation.resume(returning: nil)
        }
        guard let index else { throw CancellationError() }
        return index
    }

    /// Gives a child back.
    func release(_ index: Int) {
        let waiter = state.withLock { s in
            if s.waiters.isEmpty {
                s.idle.append(index)
                return nil as CheckedContinuation<Int?, Never>?
            }
            return s.waiters.removeFirst().continuation
        }
        waiter?.resume(returning: index)
    }
}
