import Bloblang
import Foundation
import MLService
import Testing

/// Runs an `MLServer` on a free port of 127.0.0.1 for the length of `body`, then shuts it down
/// and checks that it stopped cleanly.
func withServer(
    faults: FaultInjector = FaultInjector(), seed: UInt64 = 0, _ body: (Int) async throws -> Void
) async throws {
    let server = MLServer(model: try Fixtures.model(), faults: faults, seed: seed)
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let task = Task {
        defer { continuation.finish() }
        try await server.run(host: "127.0.0.1", port: 0, onListening: { continuation.yield($0) })
    }
    var iterator = ports.makeAsyncIterator()
    guard let port = await iterator.next() else {
        try await task.value
        Issue.record("the server stopped before listening")
        return
    }
    do {
        try await body(port)
    } catch {
        server.shutdown()
        _ = await task.result
        throw error
    }
    server.shutdown()
    try await task.value
}

/// The JSON object of a reply body.
func object(_ reply: RawHTTPClient.Reply?) throws -> [String: Value] {
    let r = try #require(reply)
    guard case .object(let o) = try JSONReader.parse(r.body) else {
        Issue.record("not a JSON object: \(r.text)")
        return [:]
    }
    return o
}

func int(_ v: Value?) -> Int? {
    if case .int(let n) = v { return Int(n) }
    return nil
}

func string(_ v: Value?) -> String? {
    if case .string(let s) = v { return s }
    return nil
}

@Suite("ml-service over HTTP")
struct MLServerHTTPTests {
    @Test("POST /inference answers output, usage and model; the same request twice gives the same output")
    func inference() async throws {
        try await withServer(seed: 5) { port in
            let body = Array(#"{"model": "ngram-3", "prompt": "The Rays of Light", "max_tokens": 25, "temperature": 0.7}"#.utf8)
            let first = try await RawHTTPClient.send(port: port, method: "POST", path: "/inference", body: body)
            #expect(first?.status == 200)
            #expect(first?.headers["content-type"] == "application/json")
            let o = try object(first)
            let output = try #require(string(o["output"]))
            #expect(string(o["model"]) == "ngram-3")
            guard case .object(let usage) = o["usage"] else {
                Issue.record("no usage object")
                return
            }
            #expect(int(usage["prompt_tokens"]) == 4)
            #expect(int(usage["completion_tokens"]) == Tokenizer.count(output))
            #expect(int(usage["total_tokens"]) == 4 + Tokenizer.count(output))
            #expect(Tokenizer.count(output) <= 25)
            let second = try await RawHTTPClient.send(port: port, method: "POST", path: "/inference", body: body)
            #expect(try string(object(second)["output"]) == output)
        }
    }

    @Test("POST /v1/completions answers the OpenAI text_completion shape")
    func completions() async throws {
        try await withServer { port in
            let body = Array(#"{"model": "ngram-2", "prompt": "colours", "max_tokens": 3}"#.utf8)
            let reply = try await RawHTTPClient.send(port: port, method: "POST", path: "/v1/completions", body: body)
            #expect(reply?.status == 200)
            let o = try object(reply)
            #expect(string(o["object"]) == "text_completion")
            #expect(string(o["model"]) == "ngram-2")
            #expect(string(o["id"])?.hasPrefix("cmpl-") == true)
            #expect(int(o["created"]).map { $0 > 1_700_000_000 } == true)
            guard case .array(let choices) = o["choices"], case .object(let choice)? = choices.first else {
                Issue.record("no choices: \(o)")
                return
            }
            let text = try #require(string(choice["text"]))
            #expect(int(choice["index"]) == 0)
            #expect(["stop", "length"].contains(string(choice["finish_reason"])))
            guard case .object(let usage) = o["usage"] else {
                Issue.record("no usage")
                return
            }
            #expect(int(usage["completion_tokens"]) == Tokenizer.count(text))
            #expect(Tokenizer.count(text) <= 3)
        }
    }

    @Test("GET /models, /v1/models and /health")
    func listing() async throws {
        try await withServer { port in
            for path in ["/models", "/v1/models"] {
                let o = try object(try await RawHTTPClient.send(port: port, path: path))
                guard case .array(let data) = o["data"] else {
                    Issue.record("no data in \(path)")
                    continue
                }
                let ids = data.compactMap { item -> String? in
                    if case .object(let m) = item { return string(m["id"]) }
                    return nil
                }
                #expect(ids == ["ngram-3", "ngram-2", "ngram-1", "ngram"])
            }
            let health = try await RawHTTPClient.send(port: port, path: "/health")
            #expect(health?.status == 200)
            #expect(try string(object(health)["status"]) == "ok")
        }
    }

    @Test("bad bodies get 400 with a message; over 1 MiB gets 413")
    func badInput() async throws {
        try await withServer { port in
            let notJSON = try await RawHTTPClient.send(port: port, method: "POST", path: "/inference", body: Array("hello".utf8))
            #expect(notJSON?.status == 400)
            #expect(try string(object(notJSON)["error"])?.hasPrefix("the request body is not valid JSON") == true)

            let bad = try await RawHTTPClient.send(
                port: port, method: "POST", path: "/inference", body: Array(#"{"prompt": "x", "max_tokens": -3}"#.utf8))
            #expect(bad?.status == 400)
            #expect(try string(object(bad)["error"]) == "max_tokens must be an integer from 1 to 4096, got -3")

            let openAI = try await RawHTTPClient.send(
                port: port, method: "POST", path: "/v1/completions", body: Array(#"{"model": "gpt-4", "prompt": "x"}"#.utf8))
            #expect(openAI?.status == 400)
            guard case .object(let error)? = try object(openAI)["error"] else {
                Issue.record("no OpenAI error object")
                return
            }
            #expect(string(error["type"]) == "invalid_request_error")

            let huge = Array(#"{"prompt": ""#.utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 1 << 21) + Array(#""}"#.utf8)
            let tooLarge = try await RawHTTPClient.send(port: port, method: "POST", path: "/inference", body: huge)
            #expect(tooLarge?.status == 413)
        }
    }

    @Test("failure rate 1 answers 500 or 503 on generation routes; probes still answer 200")
    func failureKnob() async throws {
        try await withServer(faults: FaultInjector(failureRate: 1, seed: 2)) { port in
            var statuses: Set<Int> = []
            for _ in 0..<12 {
                let r = try await RawHTTPClient.send(
                    port: port, method: "POST", path: "/inference", body: Array(#"{"prompt": "x"}"#.utf8))
                statuses.insert(try #require(r).status)
            }
            #expect(statuses == [500, 503])
            #expect(try await RawHTTPClient.send(port: port, path: "/health")?.status == 200)
        }
    }

    @Test("hang rate 1 never answers; shutdown still completes")
    func hangKnob() async throws {
        try await expectNoAnswerWithinASecond(faults: FaultInjector(hangRate: 1))
    }

    @Test("latency knob delays the answer but not the probes")
    func latencyKnob() async throws {
        try await expectNoAnswerWithinASecond(faults: FaultInjector(latencyMilliseconds: 3000))
    }

    /// With `faults`, an inference request gets no answer within a second while /health answers.
    private func expectNoAnswerWithinASecond(faults: FaultInjector) async throws {
        try await withServer(faults: faults) { port in
            let r = try await RawHTTPClient.send(
                port: port, method: "POST", path: "/inference", body: Array(#"{"prompt": "x"}"#.utf8), timeout: 1)
            #expect(r == nil)
            #expect(try await RawHTTPClient.send(port: port, path: "/health")?.status == 200)
        }
    }

    @Test("GET /metrics counts requests by route and status")
    func metrics() async throws {
        try await withServer { port in
            _ = try await RawHTTPClient.send(
                port: port, method: "POST", path: "/inference", body: Array(#"{"prompt": "x"}"#.utf8))
            _ = try await RawHTTPClient.send(port: port, method: "POST", path: "/inference", body: Array("{}".utf8))
            let text = try #require(try await RawHTTPClient.send(port: port, path: "/metrics")).text
            #expect(text.contains(#"ml_service_requests_total{route="/inference",status="200"} 1"#))
            #expect(text.contains(#"ml_service_requests_total{route="/inference",status="400"} 1"#))
            #expect(text.contains(#"ml_service_tokens_total{kind="prompt"} 1"#))
        }
    }
}
