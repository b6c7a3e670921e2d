import CRabbitMQ
import Foundation

/// One librabbitmq connection with one channel. Confined to its `ConnectionThread`: every method
/// runs there (the `@unchecked Sendable` only lets jobs carry it to that thread).
final class Session: @unchecked Sendable {
    private let state: amqp_connection_state_t?
    let channel: amqp_channel_t = 1
    let url: AMQPURL
    private var socketOpen = false
    private var channelOpen = false
    private var destroyed = false
    /// Set once the connection failed; every later call throws it.
    private(set) var failure: AMQPError?

    // Publisher confirms.
    private var confirming = false
    private var lastPublishTag: UInt64 = 0
    /// Publishes waiting for a confirm, in delivery-tag order; entries before `pendingHead`
    /// are done (the array is compacted now and then, so resolving stays O(1) per confirm).
    private var pending: [PendingConfirm] = []
    private var pendingHead = 0
    /// How many waiting publishes have a deadline (none: no need to look for expired ones).
    private var deadlines = 0
    /// A basic.return seen before the basic.ack of the same (mandatory) message.
    private var returned: AMQPError?


    struct PendingConfirm {
        var tag: UInt64
        var deadline: ContinuousClock.Instant?
        var done: (AMQPError?) -> Void
    }

    init(url: AMQPURL) {
        self.url = url
        self.state = amqp_new_connection()
    }

    deinit {
        // Normally `shutdown()` ran already; this only frees what is left (never twice, see
        // the double-free pitfall of throwing initialisers).
        if !destroyed, let state { amqp_destroy_connection(state) }
    }

    // MARK: - Errors

    private func live(_ what: String) throws(AMQPError) -> amqp_connection_state_t {
        if let failure { throw failure }
        guard let state, !destroyed else { throw AMQPError(.closed, "\(what): the connection is closed") }
        return state
    }

    /// Records a failure that makes the connection unusable and fails waiting publishes.
    @discardableResult
    func fail(_ error: AMQPError) -> AMQPError {
        if failure == nil { failure = error }
        let waiting = pending[pendingHead...]
        pending.removeAll()
        pendingHead = 0
        deadlines = 0
        for p in waiting { p.done(error) }
        return error
    }

    private func statusError(_ status: Int32, _ what: String) -> AMQPError {
        let text = String(cString: amqp_error_string2(status))
        return AMQPError(.connectionLost, "\(what) on \(url): \(text)")
    }

    /// Turns an RPC reply into a thrown error; broker closes are answered and recorded.
    private func check(_ reply: amqp_rpc_reply_t, _ what: String) throws(AMQPError) {
        switch reply.reply_type {
        case AMQP_RESPONSE_NORMAL:
            return
        case AMQP_RESPONSE_LIBRARY_EXCEPTION:
            throw fail(statusError(reply.library_error, what))
        case AMQP_RESPONSE_SERVER_EXCEPTION:
            throw fail(serverClose(id: reply.reply.id, decoded: reply.reply.decoded, what))
        default:
            throw fail(AMQPError(.library, "\(what) on \(url): no reply from the broker"))
        }
    }

    /// The error of a connection.close / channel.close from the broker, after answering it.
    private func serverClose(id: amqp_method_number_t, decoded: UnsafeMutableRawPointer?, _ what: String) -> AMQPError {
        guard let state else { return AMQPError(.closed, "\(what): the connection is closed") }
        switch id {
        case AMQP_CONNECTION_CLOSE_METHOD:
            var code = 0
            var text = "connection closed"
            if let m = decoded?.assumingMemoryBound(to: amqp_connection_close_t.self).pointee {
                code = Int(m.reply_code)
                text = CDecode.string(m.reply_text)
            }
            var ok = amqp_connection_close_ok_t(dummy: 0)
            _ = amqp_send_method(state, 0, AMQP_CONNECTION_CLOSE_OK_METHOD, &ok)
            channelOpen = false
            socketOpen = false
            return AMQPError(.connectionClosed, "\(what): \(code) \(text)", replyCode: code)
        case AMQP_CHANNEL_CLOSE_METHOD:
            var code = 0
            var text = "channel closed"
            if let m = decoded?.assumingMemoryBound(to: amqp_channel_close_t.self).pointee {
                code = Int(m.reply_code)
                text = CDecode.string(m.reply_text)
            }
            var ok = amqp_channel_close_ok_t(dummy: 0)
            _ = amqp_send_method(state, channel, AMQP_CHANNEL_CLOSE_OK_METHOD, &ok)
            channelOpen = false
            return AMQPError(.channelClosed, "\(what): \(code) \(text)", replyCode: code)
        default:
            return AMQPError(.library, "\(what): unexpected method 0x\(String(id, radix: 16)) from the broker")
        }
    }

    // MARK: - Connection

    /// Connects, logs in and opens channel 1.
    func open(heartbeat: Int, connectTimeout: Double) throws(AMQPError) {
        let state = try live("connect")
        guard let socket = amqp_tcp_socket_new(state) else {
            throw fail(AMQPError(.library, "connect to \(url): could not create a socket"))
        }
        errno = 0
        let rc = CRabbitMQ_socket_open_ms(socket, url.host, Int32(url.port), Int(connectTimeout * 1000))
        if rc != AMQP_STATUS_OK.rawValue {
            var why = String(cString: amqp_error_string2(rc))
            // The connect is non-blocking: errno then only says "in progress", not why.
            if errno != 0 && errno != EINPROGRESS {
                why += " (\(String(cString: strerror(errno))))"
            } else {
                why += " (is a broker listening on \(url.host):\(url.port)?)"
            }
            throw fail(AMQPError(.connectionLost, "connect to \(url): \(why)"))
        }
        socketOpen = true
        let reply = CRabbitMQ_login_plain(
            state, url.vhost, 0, 131_072, Int32(heartbeat), url.user, url.password)
        try check(reply, "login to \(url)")
        _ = amqp_channel_open(state, channel)
        try check(amqp_get_rpc_reply(state), "channel.open on \(url)")
        channelOpen = true
    }

    /// Closes the channel and connection politely when they still work, then frees everything.
    func shutdown() {
        guard let state, !destroyed else { return }
        if failure == nil {
            if channelOpen { _ = amqp_channel_close(state, channel, AMQP_REPLY_SUCCESS) }
            if socketOpen { _ = amqp_connection_close(state, AMQP_REPLY_SUCCESS) }
        }
        fail(AMQPError(.closed, "the connection to \(url) was closed"))
        channelOpen = false
        socketOpen = false
        destroyed = true
        amqp_destroy_connection(state)
    }

    // MARK: - Declarations

    func queueDeclare(
        _ queue: String, passive: Bool, durable: Bool, exclusive: Bool, autoDelete: Bool,
        arguments: [String: AMQPFieldValue]
    ) throws(AMQPError) {
        let state = try live("queue.declare")
        let arena = CArena()
        _ = amqp_queue_declare(
            state, channel, arena.bytes(queue), passive ? 1 : 0, durable ? 1 : 0, exclusive ? 1 : 0,
            autoDelete ? 1 : 0, arena.table(arguments))
        try check(amqp_get_rpc_reply(state), "queue.declare of queue '\(queue)'")
    }

    func queueDelete(_ queue: String) throws(AMQPError) {
        let state = try live("queue.delete")
        let arena = CArena()
        _ = amqp_queue_delete(state, channel, arena.bytes(queue), 0, 0)
        try check(amqp_get_rpc_reply(state), "queue.delete of queue '\(queue)'")
    }

    func exchangeDeclare(_ exchange: String, type: String, passive: Bool, durable: Bool, autoDelete: Bool) throws(AMQPError) {
        let state = try live("exchange.declare")
        let arena = CArena()
        _ = amqp_exchange_declare(
            state, channel, arena.bytes(exchange), arena.bytes(type), passive ? 1 : 0, durable ? 1 : 0,
            autoDelete ? 1 : 0, 0, amqp_empty_table)
        try check(amqp_get_rpc_reply(state), "exchange.declare of exchange '\(exchange)' (type \(type))")
    }

    func queueBind(_ queue: String, exchange: String, key: String) throws(AMQPError) {
        let state = try live("queue.bind")
        let arena = CArena()
        _ = amqp_queue_bind(state, channel, arena.bytes(queue), arena.bytes(exchange), arena.bytes(key), amqp_empty_table)
        try check(amqp_get_rpc_reply(state), "queue.bind of queue '\(queue)' to exchange '\(exchange)' with key '\(key)'")
    }

    // MARK: - Publishing

    func confirmSelect() throws(AMQPError) {
        let state = try live("confirm.select")
        _ = amqp_confirm_select(state, channel)
        try check(amqp_get_rpc_reply(state), "confirm.select")
        confirming = true
    }

    /// Publishes one message; `done` runs (on this thread) with nil once the broker confirmed
    /// it (at once without confirm mode), or with the error.
    func publish(
        exchange: String, key: String, mandatory: Bool, immediate: Bool, properties: AMQPProperties,
        body: [UInt8], timeout: Double?, done: @escaping (AMQPError?) -> Void
    ) {
        let state: amqp_connection_state_t
        do {
            state = try live("basic.publish")
        } catch {
            done(error)
            return
        }
        let arena = CArena()
        var props = arena.properties(properties)
        let rc = amqp_basic_publish(
            state, channel, arena.bytes(exchange), arena.bytes(key), mandatory ? 1 : 0, immediate ? 1 : 0, &props,
            arena.bytes(body))
        if rc != AMQP_STATUS_OK.rawValue {
            done(fail(statusError(rc, "basic.publish to exchange '\(exchange)' with key '\(key)'")))
            return
        }
        guard confirming else {
            done(nil)
            return
        }
        lastPublishTag += 1
        let deadline = timeout.map { ContinuousClock.now + .nanoseconds(Int64($0 * 1e9)) }
        if deadline != nil { deadlines += 1 }
        pending.append(PendingConfirm(tag: lastPublishTag, deadline: deadline, done: done))
    }

    /// The socket to wait on with `poll`; -1 when not connected.
    var socketFD: Int32 {
        guard let state, !destroyed, socketOpen else { return -1 }
        return amqp_get_sockfd(state)
    }

    /// True when librabbitmq already holds received bytes or decoded frames: reading them
    /// needs no wait on the socket.
    var hasBufferedInput: Bool {
        guard let state, !destroyed else { return false }
        return amqp_data_in_buffer(state) != 0 || amqp_frames_enqueued(state) != 0
    }

    /// Milliseconds until the earliest confirm deadline (at most `cap`).
    func msUntilConfirmDeadline(cap: Int) -> Int {
        guard deadlines > 0 else { return cap }
        let now = ContinuousClock.now
        var soonest = cap
        for p in pending[pendingHead...] {
            if let d = p.deadline {
                let ms = Int((d - now) / .milliseconds(1)) + 1
                soonest = min(soonest, max(ms, 0))
            }
        }
        return soonest
    }

    /// True while publishes wait for their confirms.
    var awaitingConfirms: Bool { pendingHead < pending.count && failure == nil && !destroyed }

    /// Reads the frames that arrived (waiting up to `waitMs`), resolving confirms.
    func pumpConfirms(waitMs: Int) {
        guard let state, failure == nil, !destroyed else { return }
        var wait = waitMs
        while pendingHead < pending.count && failure == nil {
            var frame = amqp_frame_t()
            let rc = CRabbitMQ_wait_frame_ms(state, &frame, wait)
            if rc == AMQP_STATUS_TIMEOUT.rawValue { break }
            if rc != AMQP_STATUS_OK.rawValue {
                fail(statusError(rc, "waiting for publisher confirms"))
                return
            }
            wait = 0
            if frame.frame_type == UInt8(AMQP_FRAME_METHOD) { handle(method: frame.payload.method) }
        }
        expireConfirms()
    }

    private func expireConfirms() {
        guard deadlines > 0 else { return }
        let now = ContinuousClock.now
        var kept: [PendingConfirm] = []
        var expired: [PendingConfirm] = []
        for p in pending[pendingHead...] {
            if let d = p.deadline, d < now { expired.append(p) } else { kept.append(p) }
        }
        guard !expired.isEmpty else { return }
        pending = kept
        pendingHead = 0
        deadlines = kept.lazy.filter { $0.deadline != nil }.count
        for p in expired {
            p.done(AMQPError(.timeout, "no publisher confirm from \(url) within the timeout (delivery tag \(p.tag))"))
        }
    }

    private func handle(method: amqp_method_t) {
        switch method.id {
        case AMQP_BASIC_ACK_METHOD:
            guard let m = method.decoded?.assumingMemoryBound(to: amqp_basic_ack_t.self).pointee else { return }
            let ret = returned
            returned = nil
            resolve(tag: m.delivery_tag, multiple: m.multiple != 0) { tag in tag == m.delivery_tag ? ret : nil }
        case AMQP_BASIC_NACK_METHOD:
            guard let m = method.decoded?.assumingMemoryBound(to: amqp_basic_nack_t.self).pointee else { return }
            let error = AMQPError(.nacked, "the broker refused the message (basic.nack, delivery tag \(m.delivery_tag))")
            resolve(tag: m.delivery_tag, multiple: m.multiple != 0) { _ in error }
        case AMQP_BASIC_RETURN_METHOD:
            guard let state, let m = method.decoded?.assumingMemoryBound(to: amqp_basic_return_t.self).pointee else { return }
            returned = AMQPError(
                .returned,
                "the broker returned the message: \(m.reply_code) \(CDecode.string(m.reply_text)) (exchange '\(CDecode.string(m.exchange))', key '\(CDecode.string(m.routing_key))')",
                replyCode: Int(m.reply_code))
            // The returned message's header and body frames follow; read and drop them.
            var message = amqp_message_t()
            let reply = amqp_read_message(state, channel, &message, 0)
            if reply.reply_type == AMQP_RESPONSE_NORMAL { amqp_destroy_message(&message) }
        case AMQP_CHANNEL_CLOSE_METHOD, AMQP_CONNECTION_CLOSE_METHOD:
            fail(serverClose(id: method.id, decoded: method.decoded, "publish on \(url)"))
        default:
            break
        }
    }

    /// Completes the publish confirmed by `tag` (and, with `multiple`, all before it). Confirms
    /// mostly arrive in order, so this takes entries from the front.
    private func resolve(tag: UInt64, multiple: Bool, error: (UInt64) -> AMQPError?) {
        var done: [(PendingConfirm, AMQPError?)] = []
        if multiple {
            while pendingHead < pending.count, pending[pendingHead].tag <= tag {
                done.append((pending[pendingHead], error(pending[pendingHead].tag)))
                pendingHead += 1
            }
        } else if pendingHead < pending.count, pending[pendingHead].tag == tag {
            done.append((pending[pendingHead], error(tag)))
            pendingHead += 1
        } else if let i = pending[pendingHead...].firstIndex(where: { $0.tag == tag }) {
            done.append((pending[i], error(tag)))
            pending.remove(at: i)
        }
        for (p, _) in done where p.deadline != nil { deadlines -= 1 }
        if pendingHead == pending.count {
            pending.removeAll(keepingCapacity: true)
            pendingHead = 0
        } else if pendingHead > 1024 {
            pending.removeFirst(pendingHead)
            pendingHead = 0
        }
        for (p, e) in done { p.done(e) }
    }

    // MARK: - Consuming

    func qos(prefetchSize: UInt32, prefetchCount: UInt16) throws(AMQPError) {
        let state = try live("basic.qos")
        _ = amqp_basic_qos(state, channel, prefetchSize, prefetchCount, 0)
        try check(amqp_get_rpc_reply(state), "basic.qos (prefetch_count \(prefetchCount))")
    }

    /// Starts a consumer; returns its tag (the broker makes one when `tag` is empty).
    func consume(queue: String, tag: String, noAck: Bool) throws(AMQPError) -> String {
        let state = try live("basic.consume")
        let arena = CArena()
        let ok = amqp_basic_consume(state, channel, arena.bytes(queue), arena.bytes(tag), 0, noAck ? 1 : 0, 0, amqp_empty_table)
        try check(amqp_get_rpc_reply(state), "basic.consume on queue '\(queue)'")
        return ok.map { CDecode.string($0.pointee.consumer_tag) } ?? tag
    }

    /// Waits up to `waitMs` for one delivery; nil when none came.
    func consumeOnce(waitMs: Int) throws(AMQPError) -> AMQPDelivery? {
        let state = try live("basic.consume")
        amqp_maybe_release_buffers(state)
        var envelope = amqp_envelope_t()
        let reply = CRabbitMQ_consume_ms(state, &envelope, waitMs)
        switch reply.reply_type {
        case AMQP_RESPONSE_NORMAL:
            defer { amqp_destroy_envelope(&envelope) }
            return AMQPDelivery(
                deliveryTag: envelope.delivery_tag, redelivered: envelope.redelivered != 0,
                consumerTag: CDecode.string(envelope.consumer_tag), exchange: CDecode.string(envelope.exchange),
                routingKey: CDecode.string(envelope.routing_key), properties: CDecode.properties(envelope.message.properties),
                body: CDecode.bytes(envelope.message.body))
        case AMQP_RESPONSE_LIBRARY_EXCEPTION:
            if reply.library_error == AMQP_STATUS_TIMEOUT.rawValue { return nil }
            if reply.library_error == AMQP_STATUS_UNEXPECTED_STATE.rawValue {
                // A method other than basic.deliver arrived: read it to see what the broker wants.
                var frame = amqp_frame_t()
                let rc = CRabbitMQ_wait_frame_ms(state, &frame, 1000)
                if rc != AMQP_STATUS_OK.rawValue { throw fail(statusError(rc, "consuming")) }
                if frame.frame_type == UInt8(AMQP_FRAME_METHOD) {
                    switch frame.payload.method.id {
                    case AMQP_CHANNEL_CLOSE_METHOD, AMQP_CONNECTION_CLOSE_METHOD:
                        throw fail(serverClose(id: frame.payload.method.id, decoded: frame.payload.method.decoded, "consuming"))
                    case AMQP_BASIC_CANCEL_METHOD:
                        throw fail(AMQPError(.channelClosed, "consuming: the broker cancelled the consumer (was the queue deleted?)"))
                    default:
                        return nil
                    }
                }
                return nil
            }
            throw fail(statusError(reply.library_error, "consuming"))
        default:
            throw fail(AMQPError(.library, "consuming from \(url): unexpected reply"))
        }
    }

    enum Settle { case ack, nack(requeue: Bool), reject(requeue: Bool) }

    func settle(_ tag: UInt64, _ how: Settle) throws(AMQPError) {
        let state = try live("basic.ack")
        let rc: Int32
        switch how {
        case .ack: rc = amqp_basic_ack(state, channel, tag, 0)
        case .nack(let requeue): rc = amqp_basic_nack(state, channel, tag, 0, requeue ? 1 : 0)
        case .reject(let requeue): rc = amqp_basic_reject(state, channel, tag, requeue ? 1 : 0)
        }
        if rc != AMQP_STATUS_OK.rawValue { throw fail(statusError(rc, "acknowledging delivery \(tag)")) }
    }
}
