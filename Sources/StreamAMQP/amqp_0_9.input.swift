import AMQPClient
import Bloblang
import Foundation
import StreamRuntime

extension ComponentSpec {
    /// `amqp_0_9` input (aliases `amqp_0`): messages consumed from a RabbitMQ queue.
    static let amqpInput = ComponentSpec(
        .input, "amqp_0_9", aliases: ["amqp_0"],
        summary: "Consumes messages from an AMQP 0-9-1 queue (RabbitMQ), acknowledging each once the output wrote it.",
        description: """
            Each delivery becomes a message of its own. A message is acknowledged (basic.ack) only once the \
            output has written it. When the pipeline gives up on a message it is refused instead: with \
            basic.reject (no requeue, so it goes to the queue's dead-letter exchange if it has one) when the \
            error matches one of `nack_reject_patterns`, otherwise with basic.nack and requeue, so the broker \
            delivers it again with `amqp_redelivered` set to `true`. With `auto_ack` the broker forgets a \
            message as soon as it is sent and a crash loses it.

            `prefetch_count` bounds how many messages may be delivered and not yet acknowledged.

            URLs are tried in turn until one answers (failover), as `amqp://user:password@host:port/vhost`, \
            where the vhost `/` is written `%2f` (or left out). When the connection is lost the input \
            reconnects with backoff; deliveries not yet acknowledged are redelivered by the broker, never \
            acknowledged on the new connection.

            ### Metadata

            Each message carries `amqp_content_type`, `amqp_content_encoding`, `amqp_delivery_mode`, \
            `amqp_priority`, `amqp_correlation_id`, `amqp_reply_to`, `amqp_expiration`, `amqp_message_id`, \
            `amqp_timestamp` (Unix seconds), `amqp_type`, `amqp_user_id`, `amqp_app_id`, `amqp_consumer_tag`, \
            `amqp_delivery_tag`, `amqp_redelivered`, `amqp_exchange` and `amqp_routing_key` (empty ones are left \
            out), plus every message header, with `-` in its name turned into `_` and nested tables flattened \
            as `parent_child`.

            `amqp_0` is accepted as another name for this input; lint suggests `amqp_0_9`.
            """,
        fields: [
            FieldSpec(
                "urls", .array(.string),
                "The brokers to connect to, tried in order until one answers. An entry may list several URLs separated by commas.",
                examples: [
                    .array([.string("amqp://guest:guest@127.0.0.1:5672/")]),
                    .array([.string("amqp://guest:guest@rabbit-1:5672/%2f"), .string("amqp://guest:guest@rabbit-2:5672/%2f")]),
                ]),
            FieldSpec("queue", .string, "The queue to consume from.", examples: [.string("tasks")]),
            FieldSpec(
                "queue_declare",
                .object([
                    FieldSpec("enabled", .bool, "Whether to declare the queue when connecting (it is created if missing).", default: .bool(false)),
                    FieldSpec("durable", .bool, "Whether the declared queue survives a broker restart.", default: .bool(true)),
                    FieldSpec("auto_delete", .bool, "Whether the declared queue is deleted when its last consumer goes.", default: .bool(false)),
                    FieldSpec(
                        "arguments", .map(.any), "Extra queue arguments, such as `x-dead-letter-exchange` or `x-message-ttl`.",
                        optional: true,
                        examples: [.object(["x-dead-letter-exchange": .string("dlx"), "x-message-ttl": .int(60000)])]),
                ]), "Declares the queue when connecting, creating it if it does not exist.", optional: true, advanced: true),
            FieldSpec(
                "bindings_declare",
                .array(.object([
                    FieldSpec("exchange", .string, "The exchange to bind the queue to.", default: .string("")),
                    FieldSpec("key", .string, "The routing key of the binding.", default: .string("")),
                ])), "Bindings of the queue to exchanges, declared when connecting.", optional: true, advanced: true,
                examples: [.array([.object(["exchange": .string("events"), "key": .string("orders.#")])])]),
            FieldSpec(
                "consumer_tag", .string, "The consumer tag; empty lets the broker choose one.", default: .string("")),
            FieldSpec(
                "auto_ack", .bool,
                "Whether the broker forgets messages as soon as it sends them, instead of when the output wrote them (faster, but a crash loses messages).",
                default: .bool(false), advanced: true),
            FieldSpec(
                "nack_reject_patterns", .array(.string),
                "Regular expressions matched against the error of a message the pipeline failed to deliver: a match rejects it without requeue (dead-lettering it if the queue has a dead-letter exchange); otherwise it is requeued.",
                default: .array([]), advanced: true, examples: [.array([.string("^reject me please:.+$")])]),
            FieldSpec("prefetch_count", .int, "How many messages may be delivered and not yet acknowledged.", default: .int(10)),
            FieldSpec(
                "prefetch_size", .int, "How many bytes of messages may be delivered and not yet acknowledged (0 for no limit).",
                default: .int(0), advanced: true),
        ],
        examples: [
            ConfigExample(
                "Consume a work queue",
                summary: "Reads JSON tasks from the durable queue `tasks` and prints them; each is acknowledged once printed.",
                yaml: """
                    input:
                      amqp_0_9:
                        urls: [ "amqp://guest:guest@127.0.0.1:5672/" ]
                        queue: tasks
                        queue_declare:
                          enabled: true
                          durable: true
                        prefetch_count: 20
                    output:
                      stdout: {}
                    """),
            ConfigExample(
                "Dead-letter poison messages",
                summary:
                    "Declares a queue whose rejected messages go to the exchange `dlx`, binds it to the `events` exchange, and rejects messages whose processing failed with a `poison` error instead of requeueing them.",
                yaml: """
                    input:
                      amqp_0_9:
                        urls: [ "amqp://guest:guest@127.0.0.1:5672/%2f" ]
                        queue: orders
                        queue_declare:
                          enabled: true
                          arguments:
                            x-dead-letter-exchange: dlx
                        bindings_declare:
                          - exchange: events
                            key: orders.#
                        nack_reject_patterns: [ "poison" ]
                    output:
                      reject: 'poison: ${! meta("amqp_routing_key") }'
                    """),
        ]
    ) { config, context in
        let urls = try AMQPConversions.urls(config)
        let declare = config.object("queue_declare")
        var bindings: [(exchange: String, key: String)] = []
        if case .array(let items)? = config.value("bindings_declare") {
            for (i, item) in items.enumerated() {
                guard case .object(let o) = item else {
                    throw config.error("bindings_declare[\(i)]: expected an object with exchange and key", field: "bindings_declare")
                }
                bindings.append((o["exchange"]?.plainString ?? "", o["key"]?.plainString ?? ""))
            }
        }
        var patterns: [NSRegularExpression] = []
        for p in try config.stringList("nack_reject_patterns") {
            do {
                patterns.append(try NSRegularExpression(pattern: p))
            } catch {
                throw config.error("invalid regular expression \(GoStrconv.quote(p)): \(error.localizedDescription)", field: "nack_reject_patterns")
            }
        }
        let prefetchCount = try config.int("prefetch_count")
        if prefetchCount < 0 || prefetchCount > 65535 {
            throw config.error("prefetch_count must be between 0 and 65535", field: "prefetch_count")
        }
        let prefetchSize = try config.int("prefetch_size")
        if prefetchSize < 0 { throw config.error("prefetch_size must not be negative", field: "prefetch_size") }
        let settings = AMQPInput.Settings(
            urls: urls, queue: try config.string("queue"), declare: try declare.bool("enabled"),
            durable: try declare.bool("durable"), autoDelete: try declare.bool("auto_delete"),
            arguments: AMQPConversions.arguments(declare.value("arguments")), bindings: bindings,
            consumerTag: try config.string("consumer_tag"), autoAck: try config.bool("auto_ack"),
            rejectPatterns: patterns, prefetchCount: prefetchCount, prefetchSize: prefetchSize)
        return .input(AMQPInput(settings, logger: context.logger))
    }
}

/// Consumes one queue over one connection; acks go back over the connection that received
/// the delivery.
actor AMQPInput: Input {
    struct Settings: @unchecked Sendable {
        // @unchecked: NSRegularExpression is immutable once made and safe to share.
        var urls: [AMQPURL]
        var queue: String
        var declare: Bool
        var durable: Bool
        var autoDelete: Bool
        var arguments: [String: AMQPFieldValue]
        var bindings: [(exchange: String, key: String)]
        var consumerTag: String
        var autoAck: Bool
        var rejectPatterns: [NSRegularExpression]
        var prefetchCount: Int
        var prefetchSize: Int
    }

    private let settings: Settings
    private let logger: StructuredLogger
    private var connection: AMQPConnection?
    private var consumerTag = ""
    private var nextURL = 0
    /// Deliveries fetched together and not yet returned by `read`.
    private var buffered: [AMQPDelivery] = []
    private var bufferedFrom: AMQPConnection?

    init(_ settings: Settings, logger: StructuredLogger) {
        self.settings = settings
        self.logger = logger
    }

    func connect() async throws {
        if connection != nil { return }
        let s = settings
        let (conn, index) = try await AMQPConversions.connect(s.urls, start: nextURL) { c throws(AMQPError) in
            if s.declare {
                try await c.queueDeclare(s.queue, durable: s.durable, autoDelete: s.autoDelete, arguments: s.arguments)
            }
            for b in s.bindings { try await c.queueBind(s.queue, exchange: b.exchange, key: b.key) }
            try await c.qos(prefetchCount: s.prefetchCount, prefetchSize: s.prefetchSize)
        }
        do {
            consumerTag = try await conn.consume(queue: s.queue, consumerTag: s.consumerTag, noAck: s.autoAck)
        } catch {
            await conn.close()
            throw error
        }
        nextURL = index
        connection = conn
    }

    func read() async throws -> (Batch, AckHandler) {
        while true {
            guard let conn = connection else { throw InputError.notConnected("not connected to \(settings.queue)") }
            if bufferedFrom === conn, !buffered.isEmpty {
                let d = buffered.removeFirst()
                return ([message(d)], ackHandler(conn, tag: d.deliveryTag))
            }
            do {
                // A bounded wait, so that cancellation and close are noticed. Several deliveries
                // are taken per trip to the connection thread, at most a prefetch window.
                buffered = try await conn.nextDeliveries(max: max(1, min(settings.prefetchCount, 64)), timeout: 0.5)
                bufferedFrom = conn
            } catch {
                buffered = []
                if connection === conn { connection = nil }
                await conn.close()
                // The next connect starts with the next URL.
                nextURL = (nextURL + 1) % settings.urls.count
                throw InputError.notConnected(error.message)
            }
            if buffered.isEmpty { try Task.checkCancellation() }
        }
    }

    func close() async {
        let conn = connection
        connection = nil
        buffered = []
        await conn?.close()
    }

    private nonisolated func ackHandler(_ conn: AMQPConnection, tag: UInt64) -> AckHandler {
        let settings = self.settings
        let logger = self.logger
        return { result in
            if settings.autoAck { return }
            // Queued on the connection that received the delivery; if it has died meanwhile the
            // broker redelivers the message, so it is never acked on another connection.
            switch result {
            case .ack:
                conn.settle(tag, .ack)
            case .nack(let reason):
                let range = NSRange(reason.startIndex..., in: reason)
                if settings.rejectPatterns.contains(where: { $0.firstMatch(in: reason, range: range) != nil }) {
                    logger.debug("Rejecting AMQP delivery \(tag) without requeue: \(reason)")
                    conn.settle(tag, .reject(requeue: false))
                } else {
                    conn.settle(tag, .nack(requeue: true))
                }
            }
        }
    }

    private func message(_ d: AMQPDelivery) -> Message {
        var meta: [String: Value] = [:]
        for (k, v) in d.properties.headers { AMQPConversions.addHeader(k, v, to: &meta) }
        func set(_ key: String, _ value: String?) {
            if let value, !value.isEmpty { meta[key] = .string(value) }
        }
        let p = d.properties
        set("amqp_content_type", p.contentType)
        set("amqp_content_encoding", p.contentEncoding)
        if let mode = p.deliveryMode, mode != 0 { set("amqp_delivery_mode", String(mode)) }
        set("amqp_priority", String(p.priority ?? 0))
        set("amqp_correlation_id", p.correlationID)
        set("amqp_reply_to", p.replyTo)
        set("amqp_expiration", p.expiration)
        set("amqp_message_id", p.messageID)
        if let t = p.timestamp, t != 0 { set("amqp_timestamp", String(t)) }
        set("amqp_type", p.type)
        set("amqp_user_id", p.userID)
        set("amqp_app_id", p.appID)
        set("amqp_consumer_tag", d.consumerTag)
        set("amqp_delivery_tag", String(d.deliveryTag))
        set("amqp_redelivered", d.redelivered ? "true" : "false")
        set("amqp_exchange", d.exchange)
        set("amqp_routing_key", d.routingKey)
        return Message(content: d.body, metadata: meta)
    }
}
