import AMQPClient
import Bloblang
import Foundation
import StreamRuntime

extension ComponentSpec {
    /// `amqp_0_9` output (alias `amqp_1`): messages published to a RabbitMQ exchange with
    /// publisher confirms.
    static let amqpOutput = ComponentSpec(
        .output, "amqp_0_9", aliases: ["amqp_1"],
        summary: "Publishes messages to an AMQP 0-9-1 exchange (RabbitMQ) and waits for the broker to confirm each.",
        description: """
            Publisher confirms are always on: a write finishes only once the broker acknowledged every \
            message of the batch (basic.ack). A basic.nack, a `mandatory` message the broker could not route \
            (basic.return), a confirm that does not come within `timeout`, or a lost connection fail the \
            write, so the pipeline refuses the messages upstream (or, for a lost connection, reconnects and \
            writes them again: delivery is at least once).

            `exchange`, `key`, `type` and the message property fields are interpolated for each message. \
            With an exchange of type `topic` any `/` in the key and type becomes `.`. Metadata is sent as \
            headers (with `_` in names turned into `-`), except keys starting with one of \
            `metadata.exclude_prefixes`.

            `queue` publishes straight to one queue: the durable queue is declared when connecting and \
            messages go through the default exchange with the queue name as the key (unless `exchange` or \
            `key` say otherwise). `amqp_1` is accepted as another name for this output, with this meaning in \
            mind (it is not AMQP 1.0); lint suggests `amqp_0_9`. `immediate` is refused: RabbitMQ does not \
            support it.
            """,
        fields: [
            FieldSpec(
                "urls", .array(.string),
                "The brokers to connect to, tried in order until one answers. An entry may list several URLs separated by commas.",
                examples: [.array([.string("amqp://guest:guest@127.0.0.1:5672/")])]),
            FieldSpec(
                "exchange", .interpolatedString,
                "The exchange to publish to; empty is the default exchange, which routes by queue name.",
                default: .string(""), examples: [.string("events"), .string(#"${! meta("tenant") }-events"#)]),
            FieldSpec(
                "exchange_declare",
                .object([
                    FieldSpec("enabled", .bool, "Whether to declare the exchange before publishing to it.", default: .bool(false)),
                    FieldSpec(
                        "type", .string, "The type of the declared exchange.", default: .string("direct"),
                        options: ["direct", "fanout", "topic", "headers", "x-custom"]),
                    FieldSpec("durable", .bool, "Whether the declared exchange survives a broker restart.", default: .bool(true)),
                ]), "Declares the exchange (once per name) before publishing to it.", optional: true, advanced: true),
            FieldSpec(
                "queue", .string,
                "A queue to publish to directly: declared durable when connecting, then used as the key through the default exchange.",
                default: .string(""), advanced: true, examples: [.string("results")]),
            FieldSpec(
                "key", .interpolatedString, "The routing key of each message.", default: .string(""),
                examples: [.string("orders.created"), .string(#"${! meta("kafka_topic") }"#)]),
            FieldSpec("type", .interpolatedString, "The message type property.", default: .string("")),
            FieldSpec(
                "content_type", .interpolatedString, "The content type property.",
                default: .string("application/octet-stream"), advanced: true),
            FieldSpec("content_encoding", .interpolatedString, "The content encoding property.", default: .string(""), advanced: true),
            FieldSpec("correlation_id", .interpolatedString, "The correlation ID property.", default: .string(""), advanced: true),
            FieldSpec("reply_to", .interpolatedString, "The reply-to property.", default: .string(""), advanced: true),
            FieldSpec(
                "expiration", .interpolatedString, "The expiration property: a time to live in milliseconds, as text.",
                default: .string(""), advanced: true, examples: [.string("60000")]),
            FieldSpec("message_id", .interpolatedString, "The message ID property.", default: .string(""), advanced: true),
            FieldSpec("user_id", .interpolatedString, "The user ID property (RabbitMQ checks it is the connection's user).", default: .string(""), advanced: true),
            FieldSpec("app_id", .interpolatedString, "The application ID property.", default: .string(""), advanced: true),
            FieldSpec(
                "priority", .interpolatedString, "The priority property, 0 to 9; empty sends none.", default: .string(""),
                advanced: true, examples: [.string("0"), .string(#"${! meta("priority") }"#)]),
            FieldSpec(
                "metadata",
                .object([
                    FieldSpec(
                        "exclude_prefixes", .array(.string), "Metadata keys starting with any of these are not sent as headers.",
                        default: .array([]))
                ]), "Which metadata is sent as headers.", optional: true),
            FieldSpec(
                "persistent", .bool, "Whether messages are stored on disk by the broker (delivery mode 2) and survive its restart in durable queues.",
                default: .bool(false)),
            FieldSpec(
                "mandatory", .bool, "Whether a message no queue receives fails the write (basic.return) instead of being dropped.",
                default: .bool(false), advanced: true),
            FieldSpec(
                "immediate", .bool, "Not supported by RabbitMQ; `true` is refused.", default: .bool(false), advanced: true),
            FieldSpec(
                "timeout", .duration, "The longest wait for the broker's confirm; empty waits as long as the connection lives.",
                default: .string(""), advanced: true, examples: [.string("5s")]),
            FieldSpec("max_in_flight", .int, "How many batches may be written at once.", default: .int(64)),
        ],
        examples: [
            ConfigExample(
                "Publish to a topic exchange",
                summary:
                    "Declares the durable topic exchange `events` and publishes each message persistently with a key taken from its content.",
                yaml: """
                    input:
                      stdin: {}
                    output:
                      amqp_0_9:
                        urls: [ "amqp://guest:guest@127.0.0.1:5672/" ]
                        exchange: events
                        exchange_declare:
                          enabled: true
                          type: topic
                        key: 'orders.${! json("kind").or("unknown") }'
                        persistent: true
                        metadata:
                          exclude_prefixes: [ "amqp_" ]
                    """),
            ConfigExample(
                "Send to one queue",
                summary: "Publishes generated jobs to the durable queue `jobs` through the default exchange.",
                yaml: """
                    input:
                      generate:
                        interval: 1s
                        mapping: 'root = {"job": uuid_v4()}'
                    output:
                      amqp_0_9:
                        urls: [ "amqp://guest:guest@127.0.0.1:5672/%2f" ]
                        queue: jobs
                        content_type: application/json
                        persistent: true
                    """),
        ]
    ) { config, context in
        if try config.bool("immediate") {
            throw config.error("immediate is not supported by RabbitMQ (it closes the connection on such a publish)", field: "immediate")
        }
        let declare = config.object("exchange_declare")
        let timeout = try config.duration("timeout")
        let maxInFlight = try config.int("max_in_flight")
        if maxInFlight < 1 { throw config.error("max_in_flight must be at least 1", field: "max_in_flight") }
        let settings = AMQPOutput.Settings(
            urls: try AMQPConversions.urls(config),
            exchange: try context.interpolated(config, "exchange"),
            declareExchange: try declare.bool("enabled"), exchangeType: try declare.string("type"),
            exchangeDurable: try declare.bool("durable"), queue: try config.string("queue"),
            key: try context.interpolated(config, "key"), type: try context.interpolated(config, "type"),
            contentType: try context.interpolated(config, "content_type"),
            contentEncoding: try context.interpolated(config, "content_encoding"),
            correlationID: try context.interpolated(config, "correlation_id"),
            replyTo: try context.interpolated(config, "reply_to"),
            expiration: try context.interpolated(config, "expiration"),
            messageID: try context.interpolated(config, "message_id"),
            userID: try context.interpolated(config, "user_id"), appID: try context.interpolated(config, "app_id"),
            priority: try context.interpolated(config, "priority"),
            excludePrefixes: try config.object("metadata").stringList("exclude_prefixes"),
            persistent: try config.bool("persistent"), mandatory: try config.bool("mandatory"),
            timeout: timeout > 0 ? timeout : nil)
        return .output(AMQPOutput(settings, environment: context.environment))
    }
}

/// Publishes batches with confirms over one connection; writes may overlap (`max_in_flight`).
actor AMQPOutput: Output {
    struct Settings: Sendable {
        var urls: [AMQPURL]
        var exchange: InterpolatedString
        var declareExchange: Bool
        var exchangeType: String
        var exchangeDurable: Bool
        var queue: String
        var key: InterpolatedString
        var type: InterpolatedString
        var contentType: InterpolatedString
        var contentEncoding: InterpolatedString
        var correlationID: InterpolatedString
        var replyTo: InterpolatedString
        var expiration: InterpolatedString
        var messageID: InterpolatedString
        var userID: InterpolatedString
        var appID: InterpolatedString
        var priority: InterpolatedString
        var excludePrefixes: [String]
        var persistent: Bool
        var mandatory: Bool
        var timeout: Double?

        /// True when some field must be evaluated per message.
        var dynamic: Bool {
            ![exchange, key, type, contentType, contentEncoding, correlationID, replyTo, expiration, messageID, userID, appID, priority]
                .allSatisfy(\.isStatic)
        }
    }

    private let settings: Settings
    private let environment: Environment
    private let dynamic: Bool
    private var connection: AMQPConnection?
    private var declared: Set<String> = []
    private var nextURL = 0

    init(_ settings: Settings, environment: Environment) {
        self.settings = settings
        self.environment = environment
        self.dynamic = settings.dynamic
    }

    func connect() async throws {
        if connection != nil { return }
        let s = settings
        let (conn, index) = try await AMQPConversions.connect(s.urls, start: nextURL) { c throws(AMQPError) in
            try await c.confirmSelect()
            if !s.queue.isEmpty { try await c.queueDeclare(s.queue, durable: true) }
        }
        // Another write may have connected meanwhile (actor reentrancy): keep one connection.
        if connection != nil {
            await conn.close()
            return
        }
        nextURL = index
        declared = []
        connection = conn
    }

    func write(_ batch: Batch) async throws {
        // Reconnect here too: nested in a fallback or broker, a failed write is handled by the
        // parent and the pipeline never calls connect() on this output again.
        if connection == nil { try await connect() }
        guard let conn = connection else { throw InputError.notConnected("not connected") }
        var outgoing: [AMQPConnection.Outgoing] = []
        outgoing.reserveCapacity(batch.count)
        var exchanges: [String] = []
        for i in batch.indices {
            let m = try outgoingMessage(batch, i)
            if settings.declareExchange, !declared.contains(m.exchange), !exchanges.contains(m.exchange) {
                exchanges.append(m.exchange)
            }
            outgoing.append(m)
        }
        do {
            for name in exchanges where !name.isEmpty {
                try await conn.exchangeDeclare(name, type: settings.exchangeType, durable: settings.exchangeDurable)
                declared.insert(name)
            }
            try await conn.publish(outgoing, mandatory: settings.mandatory, timeout: settings.timeout)
        } catch {
            if error.isConnectionFailure || error.code == .channelClosed {
                // This connection is unusable: the next write reconnects.
                if connection === conn { connection = nil }
                await conn.close()
                nextURL = (nextURL + 1) % settings.urls.count
            }
            if error.isConnectionFailure { throw InputError.notConnected(error.message) }
            throw error
        }
    }

    func close() async {
        let conn = connection
        connection = nil
        await conn?.close()
    }

    private func outgoingMessage(_ batch: Batch, _ index: Int) throws -> AMQPConnection.Outgoing {
        let s = settings
        let ctx = AMQPInterpolation(environment: environment, batch: batch, index: index, needed: dynamic)
        let message = batch[index]
        func optional(_ string: InterpolatedString, _ field: String) throws -> String? {
            let text = try ctx.render(string, field: field)
            return text.isEmpty ? nil : text
        }
        var exchange = try ctx.render(s.exchange, field: "exchange")
        var key = try ctx.render(s.key, field: "key")
        var type = try optional(s.type, "type")
        if !s.queue.isEmpty, key.isEmpty { key = s.queue }
        if s.exchangeType == "topic" {
            key = key.replacingOccurrences(of: "/", with: ".")
            type = type?.replacingOccurrences(of: "/", with: ".")
        }
        exchange = exchange.trimmingCharacters(in: .whitespaces)
        var p = AMQPProperties()
        p.type = type
        p.contentType = try optional(s.contentType, "content_type")
        p.contentEncoding = try optional(s.contentEncoding, "content_encoding")
        p.correlationID = try optional(s.correlationID, "correlation_id")
        p.replyTo = try optional(s.replyTo, "reply_to")
        p.expiration = try optional(s.expiration, "expiration")
        p.messageID = try optional(s.messageID, "message_id")
        p.userID = try optional(s.userID, "user_id")
        p.appID = try optional(s.appID, "app_id")
        if let text = try optional(s.priority, "priority") {
            guard let n = Int(text), (0...9).contains(n) else {
                throw AMQPMessageError(description: "invalid priority \(GoStrconv.quote(text)): must be an integer from 0 to 9")
            }
            p.priority = UInt8(n)
        }
        p.deliveryMode = s.persistent ? 2 : 1
        for (k, v) in message.metadata where !s.excludePrefixes.contains(where: { k.hasPrefix($0) }) {
            p.headers[k.replacingOccurrences(of: "_", with: "-")] = AMQPConversions.field(v)
        }
        return AMQPConnection.Outgoing(exchange: exchange, routingKey: key, properties: p, body: message.content)
    }
}
