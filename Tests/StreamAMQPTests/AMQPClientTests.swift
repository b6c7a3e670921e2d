import AMQPClient
import Foundation
import Testing

@Suite("AMQPClient against a broker", .enabled(if: AMQPTest.enabled, "set SLUICE_TEST_AMQP_URL"))
struct AMQPClientTests {
    @Test func publishConsumeRoundTripWithPropertiesAndHeaders() async throws {
        let queue = AMQPTest.name("client")
        defer { Task { await AMQPTest.cleanUp(queue) } }
        try await AMQPTest.withClient { c in
            try await c.queueDeclare(queue, durable: false, autoDelete: false)
            try await c.confirmSelect()
            var p = AMQPProperties()
            p.contentType = "application/json"
            p.correlationID = "corr-1"
            p.messageID = "m-1"
            p.timestamp = 1_700_000_000
            p.deliveryMode = 2
            p.headers = ["x-n": .int(42), "x-s": .string("hello"), "x-t": .table(["inner": .bool(true)])]
            try await c.publish([.init(exchange: "", routingKey: queue, properties: p, body: Array("{\"a\":1}".utf8))])
        }
        let got = try await AMQPTest.drain(queue, count: 1)
        let d = try #require(got.first)
        #expect(String(decoding: d.body, as: UTF8.self) == "{\"a\":1}")
        #expect(d.properties.contentType == "application/json")
        #expect(d.properties.correlationID == "corr-1")
        #expect(d.properties.messageID == "m-1")
        #expect(d.properties.timestamp == 1_700_000_000)
        #expect(d.properties.deliveryMode == 2)
        #expect(d.properties.headers["x-n"] == .int(42))
        #expect(d.properties.headers["x-s"] == .string("hello"))
        #expect(d.properties.headers["x-t"] == .table(["inner": .bool(true)]))
        #expect(d.routingKey == queue)
        #expect(!d.redelivered)
    }

    @Test func missingQueueGivesTheBrokersNotFoundText() async throws {
        let queue = AMQPTest.name("missing")
        let c = try await AMQPConnection.open(AMQPTest.url)
        defer { Task { await c.close() } }
        do {
            try await c.consume(queue: queue)
            Issue.record("consuming a missing queue succeeded")
        } catch {
            #expect(error.code == .channelClosed)
            #expect(error.replyCode == 404)
            #expect(error.message.contains("404 NOT_FOUND - no queue '\(queue)'"), "\(error)")
        }
        // The connection is unusable afterwards and says why, instead of crashing.
        do {
            try await c.qos(prefetchCount: 1)
            Issue.record("a broken connection accepted a call")
        } catch {
            #expect(error.message.contains("404"), "\(error)")
        }
    }

    @Test func wrongPasswordIsRefusedWith403() async throws {
        var url = AMQPTest.url
        url.password = "definitely-wrong"
        do {
            let c = try await AMQPConnection.open(url)
            await c.close()
            Issue.record("logged in with a wrong password")
        } catch {
            #expect(error.code == .connectionClosed || error.code == .connectionLost, "\(error)")
            #expect(error.message.contains("403") || error.message.contains("ACCESS_REFUSED") || error.message.contains("login"), "\(error)")
            #expect(!error.message.contains("definitely-wrong"), "the password leaked: \(error)")
        }
    }

    @Test func unreachablePortIsAConnectionError() async throws {
        var url = AMQPTest.url
        url.port = 1  // nothing listens there
        do {
            let c = try await AMQPConnection.open(url, connectTimeout: 2)
            await c.close()
            Issue.record("connected to port 1")
        } catch {
            #expect(error.code == .connectionLost)
            #expect(error.message.contains("connect to amqp://"), "\(error)")
            #expect(error.message.contains(":1/"), "\(error)")
        }
    }

    @Test func mandatoryUnroutableMessageIsReturned() async throws {
        try await AMQPTest.withClient { c in
            try await c.confirmSelect()
            do {
                try await c.publish(
                    [.init(exchange: "", routingKey: AMQPTest.name("nowhere"), body: Array("x".utf8))], mandatory: true)
                Issue.record("an unroutable mandatory message was confirmed")
            } catch let error as AMQPError {
                #expect(error.code == .returned, "\(error)")
                #expect(error.message.contains("312 NO_ROUTE"), "\(error)")
            }
            // Without mandatory the broker confirms and drops it; the connection still works.
            try await c.publish([.init(exchange: "", routingKey: AMQPTest.name("nowhere"), body: Array("x".utf8))])
        }
    }

    @Test func publishingToAMissingExchangeFailsWith404() async throws {
        let exchange = AMQPTest.name("noexchange")
        try await AMQPTest.withClient { c in
            try await c.confirmSelect()
            do {
                try await c.publish([.init(exchange: exchange, routingKey: "k", body: [1])])
                Issue.record("published to a missing exchange")
            } catch let error as AMQPError {
                #expect(error.code == .channelClosed, "\(error)")
                #expect(error.message.contains("404 NOT_FOUND - no exchange '\(exchange)'"), "\(error)")
            }
        }
    }

    @Test func queueArgumentsAreSent() async throws {
        let queue = AMQPTest.name("ttl")
        defer { Task { await AMQPTest.cleanUp(queue) } }
        try await AMQPTest.withClient { c in
            try await c.queueDeclare(queue, durable: false, arguments: ["x-message-ttl": .int(60000), "x-max-length": .int(5)])
            // Declaring again with other arguments is refused, which shows the first ones were applied.
            do {
                try await c.queueDeclare(queue, durable: false, arguments: ["x-message-ttl": .int(1000)])
                Issue.record("redeclaring with another TTL succeeded")
            } catch let error as AMQPError {
                #expect(error.message.contains("406 PRECONDITION_FAILED"), "\(error)")
                #expect(error.message.contains("x-message-ttl"), "\(error)")
            }
        }
    }

    @Test func prefetchBoundsUnackedDeliveries() async throws {
        let queue = AMQPTest.name("prefetch")
        defer { Task { await AMQPTest.cleanUp(queue) } }
        try await AMQPTest.withClient { c in try await c.queueDeclare(queue, durable: false) }
        try await AMQPTest.publish((0..<10).map { "m\($0)" }, to: queue)
        try await AMQPTest.withClient { c in
            try await c.qos(prefetchCount: 3)
            try await c.consume(queue: queue)
            var tags: [UInt64] = []
            while let d = try await c.nextDelivery(timeout: 0.5) { tags.append(d.deliveryTag) }
            // Only three arrive until one is acked.
            #expect(tags.count == 3)
            try await c.ack(tags[0])
            let next = try await c.nextDelivery(timeout: 2)
            #expect(next != nil)
            #expect(try await c.nextDelivery(timeout: 0.3) == nil)
        }
    }
}
