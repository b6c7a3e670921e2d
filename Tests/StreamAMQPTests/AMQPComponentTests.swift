import AMQPClient
import Bloblang
import Foundation
import StreamRuntime
import Testing

@testable import StreamAMQP

@Suite("amqp_0_9 input and output against a broker", .enabled(if: AMQPTest.enabled, "set SLUICE_TEST_AMQP_URL"))
struct AMQPComponentTests {
    static var url: String { AMQPTest.urlText }

    /// Reads one message from an input, failing after `seconds`.
    static func readOne(_ input: any Input, seconds: Double = 10) async throws -> (Message, AckHandler) {
        let (batch, ack) = try await AMQPTest.within(seconds) { try await input.read() }
        #expect(batch.count == 1)
        return (try #require(batch.first), ack)
    }

    @Test func roundTripCarriesPropertiesMetadataAndHeaders() async throws {
        let queue = AMQPTest.name("roundtrip")
        defer { Task { await AMQPTest.cleanUp(queue) } }
        let output = try AMQPTest.output(
            """
            amqp_0_9:
              urls: [ "\(Self.url)" ]
              queue: \(queue)
              content_type: application/json
              correlation_id: '${! meta("corr") }'
              message_id: '${! this.id }'
              type: order
              app_id: sluice-test
              priority: '${! this.id }'
              persistent: true
              metadata:
                exclude_prefixes: [ "skip_" ]
            """)
        try await output.connect()
        let batch: Batch = (1...3).map { i in
            Message(
                #"{"id":\#(i)}"#,
                metadata: ["corr": .string("c\(i)"), "trace_id": .string("t\(i)"), "skip_me": .string("x"), "count": .int(Int64(i))])
        }
        try await output.write(batch)
        await output.close()

        let input = try AMQPTest.input(
            """
            amqp_0_9:
              urls: [ "\(Self.url)" ]
              queue: \(queue)
            """)
        try await input.connect()
        for i in 1...3 {
            let (m, ack) = try await Self.readOne(input)
            #expect(m.text == #"{"id":\#(i)}"#)
            let meta = m.metadata.mapValues(\.plainString)
            #expect(meta["amqp_content_type"] == "application/json")
            #expect(meta["amqp_correlation_id"] == "c\(i)")
            #expect(meta["amqp_message_id"] == "\(i)")
            #expect(meta["amqp_priority"] == "\(i)")
            #expect(meta["amqp_type"] == "order")
            #expect(meta["amqp_app_id"] == "sluice-test")
            #expect(meta["amqp_delivery_mode"] == "2")
            #expect(meta["amqp_redelivered"] == "false")
            #expect(meta["amqp_routing_key"] == queue)
            #expect(meta["amqp_exchange"] == nil)  // the default exchange has an empty name
            #expect(meta["amqp_delivery_tag"] == "\(i)")
            #expect(meta["amqp_consumer_tag"]?.isEmpty == false)
            // Metadata went out as headers (`_` → `-`) and came back (`-` → `_`).
            #expect(meta["trace_id"] == "t\(i)")
            #expect(meta["corr"] == "c\(i)")
            #expect(meta["count"] == "\(i)")
            #expect(meta["skip_me"] == nil)
            await ack(.ack)
        }
        await input.close()
        // Everything was acked: nothing is left.
        #expect(try await AMQPTest.drain(queue, count: 1, timeout: 0.5).isEmpty)
    }

    @Test func interpolatedExchangeAndKeyWithTopicBindings() async throws {
        let exchange = AMQPTest.name("topic")
        let queue = AMQPTest.name("orders")
        defer { Task { await AMQPTest.cleanUp(queue) } }
        let output = try AMQPTest.output(
            """
            amqp_0_9:
              urls: [ "\(Self.url)" ]
              exchange: '${! meta("target") }'
              exchange_declare: { enabled: true, type: topic, durable: false }
              key: '${! this.area }/${! this.kind }'
            """)
        try await output.connect()
        // Writing declares the exchange; the input's binding needs it.
        try await output.write([Message(#"{"area":"warmup","kind":"x"}"#, metadata: ["target": .string(exchange)])])
        let input = try AMQPTest.input(
            """
            amqp_0_9:
              urls: [ "\(Self.url)" ]
              queue: \(queue)
              queue_declare: { enabled: true, durable: false, auto_delete: false }
              bindings_declare:
                - exchange: \(exchange)
                  key: orders.#
            """)
        try await input.connect()
        try await output.write([
            Message(#"{"area":"orders","kind":"created"}"#, metadata: ["target": .string(exchange)]),
            Message(#"{"area":"billing","kind":"paid"}"#, metadata: ["target": .string(exchange)]),
            Message(#"{"area":"orders","kind":"shipped"}"#, metadata: ["target": .string(exchange)]),
        ])
        var keys: [String] = []
        for _ in 0..<2 {
            let (m, ack) = try await Self.readOne(input)
            #expect(m.metadata["amqp_exchange"]?.plainString == exchange)
            keys.append(m.metadata["amqp_routing_key"]?.plainString ?? "")
            await ack(.ack)
        }
        // `/` became `.` for the topic exchange; billing.paid matched no binding.
        #expect(keys == ["orders.created", "orders.shipped"])
        await input.close()
        await output.close()
    }

    @Test func failedWritesAreRedeliveredAndPoisonGoesToTheDeadLetterQueue() async throws {
        let dlx = AMQPTest.name("dlx")
        let dlq = AMQPTest.name("dlq")
        let queue = AMQPTest.name("work")
        defer { Task { await AMQPTest.cleanUp(queue, dlq) } }
        try await AMQPTest.withClient { c in
            try await c.exchangeDeclare(dlx, type: "fanout", durable: false, autoDelete: false)
            try await c.queueDeclare(dlq, durable: false)
            try await c.queueBind(dlq, exchange: dlx, key: "")
        }
        let input = try AMQPTest.input(
            """
            amqp_0_9:
              urls: [ "\(Self.url)" ]
              queue: \(queue)
              queue_declare:
                enabled: true
                durable: false
                arguments:
                  x-dead-letter-exchange: \(dlx)
              nack_reject_patterns: [ "^poison" ]
            """)
        // The first delivery of "retry" fails with an ordinary error (requeued); "poison" always
        // fails with an error matching the reject pattern.
        let recorder = RecordingOutput { m in
            if m.text == "poison" { return "poison pill" }
            if m.text == "retry", m.metadata["amqp_redelivered"]?.plainString == "false" { return "transient failure" }
            return nil
        }
        let pipeline = StreamPipeline(input: input, output: recorder)
        let run = Task { await pipeline.run() }
        try await input.connect()  // declares the queue before publishing
        try await AMQPTest.publish(["ok", "retry", "poison"], to: queue)
        try await AMQPTest.within(20) {
            while recorder.messages.count < 2 { try await Task.sleep(nanoseconds: 20_000_000) }
        }
        _ = await pipeline.stop(timeout: .seconds(5))
        await run.value

        let written = recorder.messages
        #expect(Set(written.map(\.text)) == ["ok", "retry"])
        let retried = try #require(written.first { $0.text == "retry" })
        #expect(retried.metadata["amqp_redelivered"]?.plainString == "true")
        #expect(!written.contains { $0.text == "poison" })
        let dead = try await AMQPTest.drain(dlq, count: 1)
        #expect(dead.map { String(decoding: $0.body, as: UTF8.self) } == ["poison"])
        // The dead-lettered copy says why (x-death header from RabbitMQ).
        #expect(dead.first?.properties.headers["x-death"] != nil)
        // Nothing left unacked or requeued in the work queue.
        #expect(try await AMQPTest.drain(queue, count: 1, timeout: 0.5).isEmpty)
    }

    @Test func prefetchCountBoundsUnackedMessagesOfTheInput() async throws {
        let queue = AMQPTest.name("prefetch")
        defer { Task { await AMQPTest.cleanUp(queue) } }
        let input = try AMQPTest.input(
            """
            amqp_0_9:
              urls: [ "\(Self.url)" ]
              queue: \(queue)
              queue_declare: { enabled: true, durable: false }
              prefetch_count: 2
            """)
        try await input.connect()
        try await AMQPTest.publish(["a", "b", "c"], to: queue)
        let (_, ackA) = try await Self.readOne(input)
        let (_, _) = try await Self.readOne(input)
        // The third is held back by the broker until one of the two is acked.
        await #expect(throws: DeadlineExceeded.self) { _ = try await AMQPTest.within(1.5) { try await input.read() } }
        await ackA(.ack)
        let (c, _) = try await Self.readOne(input)
        #expect(c.text == "c")
        await input.close()
    }

    @Test func inputConnectErrorsAreClearAndFailoverTriesTheNextURL() async throws {
        let missing = AMQPTest.name("missing")
        let input = try AMQPTest.input(
            """
            amqp_0_9:
              urls: [ "\(Self.url)" ]
              queue: \(missing)
            """)
        do {
            try await input.connect()
            Issue.record("connected to a missing queue")
        } catch {
            #expect("\(error)".contains("404 NOT_FOUND - no queue '\(missing)'"), "\(error)")
        }
        // Reading before a connection says so (the pipeline then reconnects).
        await #expect(throws: InputError.notConnected("not connected to \(missing)")) { _ = try await input.read() }

        var bad = AMQPTest.url
        bad.password = "nope"
        let refused = try AMQPTest.input(
            """
            amqp_0_9:
              urls: [ "amqp://\(bad.user):nope@\(bad.host):\(bad.port)/%2f" ]
              queue: q
            """)
        do {
            try await refused.connect()
            Issue.record("logged in with a wrong password")
        } catch {
            #expect("\(error)".contains("ACCESS_REFUSED") || "\(error)".contains("403"), "\(error)")
        }

        let queue = AMQPTest.name("failover")
        defer { Task { await AMQPTest.cleanUp(queue) } }
        let failover = try AMQPTest.input(
            """
            amqp_0_9:
              urls: [ "amqp://guest:guest@127.0.0.1:1/", "\(Self.url)" ]
              queue: \(queue)
              queue_declare: { enabled: true, durable: false }
            """)
        try await failover.connect()
        try await AMQPTest.publish(["via failover"], to: queue)
        let (m, ack) = try await Self.readOne(failover)
        #expect(m.text == "via failover")
        await ack(.ack)
        await failover.close()
    }

    @Test func outputFailuresFailTheWriteAndTheOutputRecovers() async throws {
        let missing = AMQPTest.name("noexchange")
        let output = try AMQPTest.output(
            """
            amqp_0_9:
              urls: [ "\(Self.url)" ]
              exchange: '${! meta("exchange") }'
              key: '${! meta("key").or("") }'
              mandatory: true
            """)
        try await output.connect()
        // No queue is bound to the default exchange under this key: returned as unroutable.
        do {
            try await output.write([Message("x", metadata: ["exchange": .string("")])])
            Issue.record("an unroutable mandatory message was written")
        } catch {
            #expect("\(error)".contains("312 NO_ROUTE"), "\(error)")
        }
        // A missing exchange closes the channel: the write fails with the broker's text...
        do {
            try await output.write([Message("x", metadata: ["exchange": .string(missing)])])
            Issue.record("published to a missing exchange")
        } catch {
            #expect(!(error is InputError), "\(error)")
            #expect((error as? AMQPError)?.code == .channelClosed, "\(error)")
            #expect("\(error)".contains("404 NOT_FOUND - no exchange '\(missing)'"), "\(error)")
        }
        // ...and the next write opens a new connection by itself (the output may sit inside a
        // broker or fallback, where the pipeline never calls its connect() again).
        let queue = AMQPTest.name("recovered")
        defer { Task { await AMQPTest.cleanUp(queue) } }
        try await AMQPTest.withClient { c in try await c.queueDeclare(queue, durable: false) }
        try await output.write([Message("z", metadata: ["exchange": .string(""), "key": .string(queue)])])
        await output.close()
        let got = try await AMQPTest.drain(queue, count: 1)
        #expect(got.map { String(decoding: $0.body, as: UTF8.self) } == ["z"])
    }
}
