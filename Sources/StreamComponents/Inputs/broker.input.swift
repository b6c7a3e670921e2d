import Bloblang
import StreamRuntime
import Synchronization

extension ComponentSpec {
    /// `broker`: several inputs read as one.
    static let brokerInput = ComponentSpec(
        .input, "broker",
        summary: "Reads several inputs at once and merges their messages into one stream.",
        description: """
            Every child input is read concurrently; batches reach the pipeline in the order they arrive, and \
            each is acknowledged to the child it came from. The broker ends when every child has ended. \
            `copies` repeats the list of inputs. A common use is one `http_server` input per endpoint of an \
            API: inputs with the same address share one listening port.
            """,
        fields: [
            FieldSpec("copies", .int, "How many copies of each listed input to create.", default: .int(1), advanced: true),
            FieldSpec("inputs", .array(.any), "The child inputs."),
        ],
        examples: [
            ConfigExample(
                "Two endpoints on one port",
                summary: "A POST endpoint that creates items and a GET endpoint that reads them.",
                yaml: """
                    input:
                      broker:
                        inputs:
                          - http_server:
                              address: 127.0.0.1:8080
                              path: /items
                              allowed_verbs: [POST]
                          - http_server:
                              address: 127.0.0.1:8080
                              path: /items/{id}
                              allowed_verbs: [GET]
                    output:
                      sync_response: {}
                    """)
        ]
    ) { config, context in
        guard case .sequence(let items, _)? = config.field("inputs") else {
            throw config.error("expected a list of inputs", field: "inputs")
        }
        var children: [any Input] = []
        for _ in 0..<max(try config.int("copies"), 0) {
            for (i, node) in items.enumerated() {
                children.append(try context.buildInput(node, path: "\(config.fieldPath("inputs"))[\(i)]"))
            }
        }
        if children.isEmpty { throw config.error("a broker input needs at least one input", field: "inputs") }
        if children.count == 1 { return .input(children[0]) }
        return .input(BrokerInput(children: children))
    }
}

/// Merges child inputs: one reader task per child feeds a shared queue; a permit per queued
/// batch keeps readers from running far ahead of the pipeline.
final class BrokerInput: Input {
    typealias Item = Result<(Batch, AckHandler), any Error>

    let children: [any Input]
    private let queue = AsyncQueue<Item>()
    private let permits: AsyncPermits

    private struct State {
        var readers: [Task<Void, Never>] = []
        var live = 0
    }

    private let state = Mutex(State())

    init(children: [any Input]) {
        self.children = children
        permits = AsyncPermits(max(8, children.count * 4))
    }

    func connect() async throws {
        for c in children { try await c.connect() }
        let start = state.withLock { s -> Bool in
            if !s.readers.isEmpty { return false }
            s.live = children.count
            return true
        }
        guard start else { return }
        let tasks = children.map { child in Task { [self] in await readLoop(child) } }
        state.withLock { $0.readers = tasks }
    }

    private func readLoop(_ child: any Input) async {
        while !Task.isCancelled {
            guard await permits.acquire() else { break }
            do {
                let item = try await child.read()
                _ = queue.push(.success(item))
            } catch InputError.endOfInput {
                permits.release()
                break
            } catch InputError.notConnected {
                // The child lost its connection: reconnect it here with a short pause, so the
                // other children carry on undisturbed.
                permits.release()
                try? await Task.sleep(for: .milliseconds(500))
                try? await child.connect()
            } catch {
                permits.release()
                if Task.isCancelled { break }
                _ = queue.push(.failure(error))
                try? await Task.sleep(for: .milliseconds(500))
            }
        }
        let last = state.withLock { s -> Bool in
            s.live -= 1
            return s.live == 0
        }
        if last { queue.finish() }
    }

    func read() async throws -> (Batch, AckHandler) {
        guard let item = await queue.pop() else { throw InputError.endOfInput }
        permits.release()
        return try item.get()
    }

    func close() async {
        let tasks = state.withLock { s in s.readers }
        permits.close()
        for c in children { await c.close() }
        for t in tasks { t.cancel() }
        for t in tasks { await t.value }
        queue.finish()
    }
}
