import CRabbitMQ
import Foundation

/// The version of librabbitmq this binary is linked with.
public func librabbitmqVersion() -> String { String(cString: amqp_version()) }

/// A connection to an AMQP 0-9-1 broker with one channel. Every librabbitmq call runs on the
/// connection's own thread, in order; the async methods wait for it without blocking the
/// Swift concurrency pool. After a failure every method throws that failure: open a new
/// connection (delivery tags of the old one mean nothing on it).
public final class AMQPConnection: Sendable {
    /// Where this connection goes (the password is not shown by `description`).
    public let url: AMQPURL
    private let session: Session
    private let thread: ConnectionThread

    private init(url: AMQPURL) {
        self.url = url
        let session = Session(url: url)
        self.session = session
        self.thread = ConnectionThread(name: "amqp \(url.host):\(url.port)") { thread, jobsWaiting in
            guard session.awaitingConfirms else { return false }
            // Sleep until the broker sends something, a job is queued or a confirm deadline
            // passes; then read what arrived without blocking.
            if !jobsWaiting && !session.hasBufferedInput {
                _ = thread.wait(readable: session.socketFD, timeoutMs: session.msUntilConfirmDeadline(cap: 1000))
            }
            session.pumpConfirms(waitMs: 0)
            return session.awaitingConfirms
        }
    }

    deinit {
        let session = self.session
        thread.finish { session.shutdown() }
    }

    /// Connects, logs in (PLAIN) and opens a channel.
    /// - Parameters:
    ///   - heartbeat: seconds between heartbeats; 0 turns them off. librabbitmq answers them only
    ///     while a call waits for the broker (e.g. while consuming).
    ///   - connectTimeout: how long the TCP connect may take, in seconds.
    public static func open(_ url: AMQPURL, heartbeat: Int = 0, connectTimeout: Double = 10) async throws(AMQPError)
        -> AMQPConnection
    {
        let connection = AMQPConnection(url: url)
        try await connection.call("connect") { s throws(AMQPError) in
            try s.open(heartbeat: heartbeat, connectTimeout: connectTimeout)
        }
        return connection
    }

    /// Closes the channel and the connection (politely when they still work).
    public func close() async {
        let session = self.session
        await withCheckedContinuation { (cont: CheckedContinuation<Void, Never>) in
            let queued = thread.finish {
                session.shutdown()
                cont.resume()
            }
            // After an earlier close nothing is queued: the thread already shut down.
            if !queued { cont.resume() }
        }
    }

    /// The failure that broke this connection, nil while it works.
    public var failure: AMQPError? {
        get async { try? await call("status") { s in s.failure } }
    }

    /// Runs `body` on the connection thread.
    private func call<T: Sendable>(_ what: String, _ body: @escaping @Sendable (Session) throws(AMQPError) -> T)
        async throws(AMQPError) -> T
    {
        let session = self.session
        let url = self.url
        let result: Result<T, AMQPError> = await withCheckedContinuation { cont in
            let queued = thread.submit {
                do throws(AMQPError) {
                    cont.resume(returning: .success(try body(session)))
                } catch {
                    cont.resume(returning: .failure(error))
                }
            }
            if !queued { cont.resume(returning: .failure(AMQPError(.closed, "\(what) on \(url): the connection is closed"))) }
        }
        return try result.get()
    }

    // MARK: - Declarations

    /// Declares a queue (`passive` only checks that it exists). `arguments` carry RabbitMQ
    /// extensions such as `x-dead-letter-exchange` or `x-message-ttl`.
    public func queueDeclare(
        _ queue: String, passive: Bool = false, durable: Bool = true, exclusive: Bool = false, autoDelete: Bool = false,
        arguments: [String: AMQPFieldValue] = [:]
    ) async throws(AMQPError) {
        try await call("queue.declare") { s throws(AMQPError) in
            try s.queueDeclare(
                queue, passive: passive, durable: durable, exclusive: exclusive, autoDelete: autoDelete, arguments: arguments)
        }
    }

    /// Deletes a queue (and the messages in it).
    public func queueDelete(_ queue: String) async throws(AMQPError) {
        try await call("queue.delete") { s throws(AMQPError) in try s.queueDelete(queue) }
    }

    /// Declares an exchange of `type` (`direct`, `fanout`, `topic`, `headers`, `x-*`).
    public func exchangeDeclare(
        _ exchange: String, type: String = "direct", passive: Bool = false, durable: Bool = true, autoDelete: Bool = false
    ) async throws(AMQPError) {
        try await call("exchange.declare") { s throws(AMQPError) in
            try s.exchangeDeclare(exchange, type: type, passive: passive, durable: durable, autoDelete: autoDelete)
        }
    }

    /// Binds a queue to an exchange with a routing key.
    public func queueBind(_ queue: String, exchange: String, key: String) async throws(AMQPError) {
        try await call("queue.bind") { s throws(AMQPError) in try s.queueBind(queue, exchange: exchange, key: key) }
    }

    // MARK: - Publishing

    /// Turns on publisher confirms: from now on `publish` returns only once the broker took the
    /// message (basic.ack) and throws on basic.nack or basic.return.
    public func confirmSelect() async throws(AMQPError) {
        try await call("confirm.select") { s throws(AMQPError) in try s.confirmSelect() }
    }

    /// One message to publish.
    public struct Outgoing: Sendable {
        public var exchange: String
        public var routingKey: String
        public var properties: AMQPProperties
        public var body: [UInt8]
        public init(exchange: String, routingKey: String, properties: AMQPProperties = AMQPProperties(), body: [UInt8]) {
            self.exchange = exchange
            self.routingKey = routingKey
            self.properties = properties
            self.body = body
        }
    }

    /// Publishes messages back to back, then waits for all their confirms (with confirm mode).
    /// - Parameters:
    ///   - mandatory: unroutable messages come back (basic.return) and fail instead of vanishing.
    ///   - timeout: the longest wait for a confirm, in seconds; nil waits as long as the
    ///     connection lives.
    /// - Throws: the first failure, in message order.
    public func publish(_ messages: [Outgoing], mandatory: Bool = false, immediate: Bool = false, timeout: Double? = nil)
        async throws(AMQPError)
    {
        if messages.isEmpty { return }
        let session = self.session
        let url = self.url
        let results: [AMQPError?] = await withCheckedContinuation { cont in
            let queued = thread.submit {
                var results = [AMQPError?](repeating: nil, count: messages.count)
                var left = messages.count
                for (i, m) in messages.enumerated() {
                    session.publish(
                        exchange: m.exchange, key: m.routingKey, mandatory: mandatory, immediate: immediate,
                        properties: m.properties, body: m.body, timeout: timeout
                    ) { error in
                        results[i] = error
                        left -= 1
                        if left == 0 { cont.resume(returning: results) }
                    }
                }
            }
            if !queued {
                cont.resume(returning: [AMQPError(.closed, "basic.publish on \(url): the connection is closed")])
            }
        }
        if let first = results.lazy.compactMap({ $0 }).first { throw first }
    }

    // MARK: - Consuming

    /// Limits unacknowledged deliveries (count and/or total bytes; 0 means no limit).
    public func qos(prefetchCount: Int, prefetchSize: Int = 0) async throws(AMQPError) {
        let count = UInt16(clamping: prefetchCount)
        let size = UInt32(clamping: prefetchSize)
        try await call("basic.qos") { s throws(AMQPError) in try s.qos(prefetchSize: size, prefetchCount: count) }
    }

    /// Starts consuming `queue`; returns the consumer tag.
    @discardableResult
    public func consume(queue: String, consumerTag: String = "", noAck: Bool = false) async throws(AMQPError) -> String {
        try await call("basic.consume") { s throws(AMQPError) in try s.consume(queue: queue, tag: consumerTag, noAck: noAck) }
    }

    /// The next delivery, or nil when none came within `timeout` seconds. Acks queued
    /// meanwhile are sent while it waits.
    public func nextDelivery(timeout: Double) async throws(AMQPError) -> AMQPDelivery? {
        try await nextDeliveries(max: 1, timeout: timeout).first
    }

    /// Waits up to `timeout` seconds for a delivery, then also takes those already received
    /// (up to `max` in all) without waiting: one trip to the connection thread for several
    /// messages. Empty when none came. Acks queued meanwhile are sent while it waits.
    public func nextDeliveries(max: Int, timeout: Double) async throws(AMQPError) -> [AMQPDelivery] {
        let thread = self.thread
        return try await call("consume") { s throws(AMQPError) in
            let deadline = ContinuousClock.now + .nanoseconds(Int64(Swift.max(timeout, 0) * 1e9))
            while true {
                // Acks queued meanwhile go out first: past the prefetch window the broker sends
                // nothing more until they arrive.
                thread.runQueued()
                if !s.hasBufferedInput {
                    let left = Int((deadline - ContinuousClock.now) / .milliseconds(1)) + 1
                    // librabbitmq sends and checks heartbeats inside its reads: read at least
                    // once a second, even when nothing arrived.
                    _ = thread.wait(readable: s.socketFD, timeoutMs: Swift.min(Swift.max(left, 0), 1000))
                }
                if let first = try s.consumeOnce(waitMs: 0) {
                    var out = [first]
                    while out.count < max, let more = try s.consumeOnce(waitMs: 0) { out.append(more) }
                    return out
                }
                if ContinuousClock.now >= deadline { return [] }
            }
        }
    }

    /// How a delivery is settled.
    public enum Settlement: Sendable {
        /// basic.ack: done with it.
        case ack
        /// basic.nack: refused; requeued or dropped / dead-lettered.
        case nack(requeue: Bool)
        /// basic.reject: refused; requeued or dropped / dead-lettered.
        case reject(requeue: Bool)
    }

    /// Queues an ack / nack / reject without waiting for it to be sent. On a broken
    /// connection it is dropped: the broker redelivers what was never acknowledged.
    public func settle(_ deliveryTag: UInt64, _ how: Settlement) {
        _ = thread.submit { [session] in
            let mapped: Session.Settle
            switch how {
            case .ack: mapped = .ack
            case .nack(let requeue): mapped = .nack(requeue: requeue)
            case .reject(let requeue): mapped = .reject(requeue: requeue)
            }
            try? session.settle(deliveryTag, mapped)
        }
    }

    /// Acknowledges a delivery of this connection.
    public func ack(_ deliveryTag: UInt64) async throws(AMQPError) {
        try await call("basic.ack") { s throws(AMQPError) in try s.settle(deliveryTag, .ack) }
    }

    /// Refuses a delivery; with `requeue` the broker delivers it again, otherwise it is dropped
    /// or dead-lettered.
    public func nack(_ deliveryTag: UInt64, requeue: Bool) async throws(AMQPError) {
        try await call("basic.nack") { s throws(AMQPError) in try s.settle(deliveryTag, .nack(requeue: requeue)) }
    }

    /// Rejects a delivery (basic.reject); without `requeue` it goes to the dead-letter exchange.
    public func reject(_ deliveryTag: UInt64, requeue: Bool) async throws(AMQPError) {
        try await call("basic.reject") { s throws(AMQPError) in try s.settle(deliveryTag, .reject(requeue: requeue)) }
    }
}
