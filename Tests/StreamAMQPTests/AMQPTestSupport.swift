import AMQPClient
import Foundation
import StreamAMQP
import StreamComponents
import StreamRuntime
import Synchronization
import Testing

/// Shared helpers of the AMQP tests. Integration tests run only when SLUICE_TEST_AMQP_URL names
/// a broker; the restart test also needs its own broker (SLUICE_TEST_SVC_DIR and AMQP_PORT).
enum AMQPTest {
    static let env = ProcessInfo.processInfo.environment
    static let urlText = env["SLUICE_TEST_AMQP_URL"] ?? ""
    static let enabled = !urlText.isEmpty
    static var url: AMQPURL { (try? AMQPURL(parsing: urlText)) ?? AMQPURL(host: "127.0.0.1") }

    static let registry = ComponentRegistry(StreamComponents.all + StreamAMQP.all)

    static func context() -> BuildContext {
        BuildContext(registry: registry, logger: StructuredLogger(level: .off))
    }

    static func input(_ yaml: String) throws -> any Input {
        try context().buildInput(try ConfigLoader.parseYAML(yaml), path: "input")
    }

    static func output(_ yaml: String) throws -> any Output {
        try context().buildOutput(try ConfigLoader.parseYAML(yaml), path: "output")
    }

    /// A fresh name, so tests never share queues or exchanges.
    static func name(_ prefix: String) -> String { "sluice-test-\(prefix)-\(UUID().uuidString.prefix(8).lowercased())" }

    /// Runs `body` against a fresh connection, closing it afterwards.
    static func withClient<T: Sendable>(
        _ url: AMQPURL = AMQPTest.url, _ body: (AMQPConnection) async throws -> T
    ) async throws -> T {
        let c = try await AMQPConnection.open(url)
        do {
            let r = try await body(c)
            await c.close()
            return r
        } catch {
            await c.close()
            throw error
        }
    }

    /// Deletes queues left by a test (ignoring failures).
    static func cleanUp(_ queues: String...) async {
        guard let c = try? await AMQPConnection.open(url) else { return }
        for q in queues { try? await c.queueDelete(q) }
        await c.close()
    }

    /// Publishes plain messages to a queue through the default exchange, with confirms.
    static func publish(_ bodies: [String], to queue: String, url: AMQPURL = AMQPTest.url) async throws {
        try await withClient(url) { c in
            try await c.confirmSelect()
            try await c.publish(bodies.map { .init(exchange: "", routingKey: queue, body: Array($0.utf8)) })
        }
    }

    /// Reads `count` deliveries from a queue with a fresh consumer, acking each.
    static func drain(_ queue: String, count: Int, timeout: Double = 10, url: AMQPURL = AMQPTest.url) async throws -> [AMQPDelivery] {
        try await withClient(url) { c in
            try await c.qos(prefetchCount: 100)
            try await c.consume(queue: queue)
            var out: [AMQPDelivery] = []
            let deadline = Date().addingTimeInterval(timeout)
            while out.count < count, Date() < deadline {
                if let d = try await c.nextDelivery(timeout: 0.2) {
                    out.append(d)
                    try await c.ack(d.deliveryTag)
                }
            }
            return out
        }
    }

    /// Runs `body` with a deadline, failing (`DeadlineExceeded`) instead of hanging.
    static func within<T: Sendable>(_ seconds: Double, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withDeadline(seconds: seconds, body)
    }
}

/// An output that records what it is given and fails the messages a predicate picks.
final class RecordingOutput: Output, Sendable {
    private let state = Mutex<[Message]>([])
    private let failWith: @Sendable (Message) -> String?

    init(failWith: @escaping @Sendable (Message) -> String? = { _ in nil }) {
        self.failWith = failWith
    }

    var messages: [Message] { state.withLock { $0 } }

    func connect() async throws {}

    func write(_ batch: Batch) async throws {
        for m in batch {
            if let why = failWith(m) { throw RecordingFailure(description: why) }
        }
        state.withLock { $0.append(contentsOf: batch) }
    }

    func close() async {}

    struct RecordingFailure: Error, CustomStringConvertible {
        var description: String
    }
}
