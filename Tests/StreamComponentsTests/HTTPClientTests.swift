import Bloblang
import EmbeddedHTTP
import Foundation
import StreamRuntime
import Synchronization
import Testing

@testable import StreamComponents

/// An upstream HTTP server over a real socket whose answers the test scripts: each request
/// takes the next planned reply (the last one repeats), and every request is recorded.
final class ScriptedUpstream: Sendable {
    struct Planned: Sendable {
        var status: Int
        var body: String = ""
        var delay: Double = 0
    }

    private let server = HTTPServer()
    private let state: Mutex<(plan: [Planned], seen: [HTTPRequest])>
    let port: Int

    init(_ plan: [Planned]) throws {
        state = Mutex((plan, []))
        port = try server.start(address: "127.0.0.1:0")
        server.register("/call") { [self] request in
            let next = state.withLock { s -> Planned in
                s.seen.append(request)
                return s.plan.count > 1 ? s.plan.removeFirst() : s.plan[0]
            }
            if next.delay > 0 { try? await Task.sleep(for: .milliseconds(Int(next.delay * 1000))) }
            return HTTPResponse(status: next.status, headers: ["x-upstream": "yes"], body: Array(next.body.utf8))
        }
    }

    var requests: [HTTPRequest] { state.withLock { $0.seen } }
    var url: String { "http://127.0.0.1:\(port)/call" }
    func stop() async { await server.stop() }
}

@Suite("http processor and http_client output", .serialized)
struct HTTPClientTests {
    static func processor(_ yaml: String) throws -> any Processor {
        try IOTest.context().buildProcessor(try ConfigLoader.parseYAML(yaml), path: "pipeline.processors[0]")
    }

    @Test("the response replaces the message; url and headers are interpolated; status and headers go to metadata")
    func success() async throws {
        let upstream = try ScriptedUpstream([.init(status: 200, body: #"{"output":"hi"}"#)])
        let p = try Self.processor(
            """
            http:
              url: '\(upstream.url)?user=${! meta("user") }'
              verb: PUT
              headers:
                Content-Type: application/json
                X-Request: 'r-${! this.n }'
              metadata:
                include_prefixes: [trace_]
              extract_headers:
                include_prefixes: [x-up]
            """)
        let out = await p.process([Message(#"{"n":7}"#, metadata: ["user": .string("ann"), "trace_id": .string("t1")])])
        let m = try #require(out.first?.first)
        #expect(m.error == nil)
        #expect(m.text == #"{"output":"hi"}"#)
        #expect(m.metadata["http_status_code"]?.plainString == "200")
        #expect(m.metadata["x-upstream"]?.plainString == "yes")
        let seen = try #require(upstream.requests.first)
        #expect(seen.method == "PUT")
        #expect(seen.query == "user=ann")
        #expect(seen.headers["x-request"] == "r-7")
        #expect(seen.headers["trace_id"] == "t1")
        #expect(String(decoding: seen.body, as: UTF8.self) == #"{"n":7}"#)
        await upstream.stop()
    }

    @Test("5xx answers are retried until one succeeds")
    func retriesServerErrors() async throws {
        let upstream = try ScriptedUpstream([.init(status: 503), .init(status: 500), .init(status: 200, body: "ok")])
        let p = try Self.processor("http:\n  url: \(upstream.url)\n  retries: 3\n  retry_period: 10ms\n")
        let out = await p.process([Message("x")])
        #expect(out.first?.first?.error == nil)
        #expect(out.first?.first?.text == "ok")
        #expect(upstream.requests.count == 3)
        await upstream.stop()
    }

    @Test("after the last retry the message keeps its content and carries the error and status")
    func givesUp() async throws {
        let upstream = try ScriptedUpstream([.init(status: 502, body: "bad gateway")])
        let p = try Self.processor("http:\n  url: \(upstream.url)\n  retries: 2\n  retry_period: 10ms\n")
        let out = await p.process([Message("original")])
        let m = try #require(out.first?.first)
        #expect(m.text == "original")
        #expect(m.error == "HTTP request returned unexpected response code (502): bad gateway")
        #expect(m.metadata["http_status_code"]?.plainString == "502")
        #expect(upstream.requests.count == 3)
        await upstream.stop()
    }

    @Test("drop_on fails at once; successful_on accepts; backoff_on backs off then succeeds")
    func statusLists() async throws {
        let dropped = try ScriptedUpstream([.init(status: 400, body: "no")])
        let p1 = try Self.processor("http:\n  url: \(dropped.url)\n  drop_on: [400]\n  retry_period: 10ms\n")
        #expect(await p1.process([Message("x")]).first?.first?.error?.contains("(400)") == true)
        #expect(dropped.requests.count == 1)
        await dropped.stop()

        let accepted = try ScriptedUpstream([.init(status: 404, body: "missing")])
        let p2 = try Self.processor("http:\n  url: \(accepted.url)\n  successful_on: [404]\n")
        let m2 = await p2.process([Message("x")]).first?.first
        #expect(m2?.error == nil)
        #expect(m2?.metadata["http_status_code"]?.plainString == "404")
        await accepted.stop()

        let limited = try ScriptedUpstream([.init(status: 429), .init(status: 429), .init(status: 200, body: "fine")])
        let p3 = try Self.processor("http:\n  url: \(limited.url)\n  retry_period: 5ms\n  max_retry_backoff: 20ms\n")
        #expect(await p3.process([Message("x")]).first?.first?.text == "fine")
        #expect(limited.requests.count == 3)
        await limited.stop()
    }

    @Test("a slow upstream times out and an unreachable one fails, with clear errors")
    func transportErrors() async throws {
        let slow = try ScriptedUpstream([.init(status: 200, body: "late", delay: 2)])
        let p1 = try Self.processor("http:\n  url: \(slow.url)\n  timeout: 200ms\n  retries: 0\n")
        let e1 = await p1.process([Message("x")]).first?.first?.error ?? ""
        #expect(e1.contains("timed out after 200ms"), "\(e1)")
        await slow.stop()

        let port = RawHTTPClient.freePort()
        let p2 = try Self.processor("http:\n  url: http://127.0.0.1:\(port)/none\n  retries: 1\n  retry_period: 10ms\n")
        let e2 = await p2.process([Message("x")]).first?.first?.error ?? ""
        #expect(e2.contains("request to http://127.0.0.1:\(port)/none failed"), "\(e2)")

        let p3 = try Self.processor("http:\n  url: 'not a url ${! content() }'\n")
        #expect(await p3.process([Message("x")]).first?.first?.error?.contains("invalid URL") == true)
    }

    @Test("parallel sends every message of a batch and keeps their order")
    func parallelBatch() async throws {
        let upstream = try ScriptedUpstream([.init(status: 200, body: "done")])
        let p = try Self.processor("http:\n  url: \(upstream.url)\n  parallel: true\n")
        let out = await p.process((0..<8).map { Message("m\($0)") })
        #expect(out.first?.count == 8)
        #expect(out.first?.allSatisfy { $0.text == "done" && $0.error == nil } == true)
        #expect(Set(upstream.requests.map { String(decoding: $0.body, as: UTF8.self) }) == Set((0..<8).map { "m\($0)" }))
        await upstream.stop()
    }

    @Test("http_client output: the write succeeds when the upstream accepted, and throws when it did not")
    func clientOutput() async throws {
        let upstream = try ScriptedUpstream([.init(status: 201), .init(status: 500)])
        let out = try IOTest.output("http_client:\n  url: \(upstream.url)\n  retries: 0\n")
        try await out.connect()
        try await out.write([Message("first")])
        await #expect(throws: HTTPRequester.Failure.self) { try await out.write([Message("second")]) }
        #expect(upstream.requests.map { String(decoding: $0.body, as: UTF8.self) } == ["first", "second"])
        await out.close()
        await upstream.stop()
    }
}
