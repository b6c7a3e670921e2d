import Foundation
import StreamRuntime
import Testing

@testable import StreamComponents

/// A stream built from YAML and running in the background, for tests over real sockets.
struct RunningStream {
    let service: StreamService
    let task: Task<Void, Never>

    static func start(_ yaml: String) async throws -> RunningStream {
        let root = try ConfigLoader.parseYAML("http:\n  enabled: false\n" + yaml)
        let service = try StreamBuilder(registry: StreamComponents.registry, logSink: .discard).build(root: root)
        let task = Task { _ = try? await service.run() }
        return RunningStream(service: service, task: task)
    }

    func stop() async {
        await service.stop()
        await task.value
    }
}

/// Waits until something accepts connections on `port`.
func waitForPort(_ port: Int) async throws {
    for _ in 0..<600 {
        if (try? await RawHTTPClient.send(port: port, method: "OPTIONS", path: "/__probe")) != nil { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    throw RawHTTPClient.Failure(description: "nothing listens on \(port)")
}

@Suite("http_server input and sync_response", .serialized)
struct HTTPServerInputTests {
    @Test("request body, path parameters, headers and query become the message; the reply is the message at sync_response")
    func roundTrip() async throws {
        let port = RawHTTPClient.freePort()
        let stream = try await RunningStream.start(
            """
            input:
              http_server:
                address: 127.0.0.1:\(port)
                path: /items/{id}
                allowed_verbs: [POST, PUT]
                sync_response:
                  status: '${! meta("http_status").or("201") }'
                  headers:
                    Content-Type: application/json
                  metadata_headers:
                    include_prefixes: [x_]
            pipeline:
              processors:
                - mapping: |
                    root.id = @id
                    root.body = content().string().uppercase()
                    root.verb = @http_server_verb
                    root.path = @http_server_request_path
                    root.agent = @http_server_user_agent
                    root.custom = @"X-Custom"
                    root.q = @q
                    meta x_trace = "t-" + @id
            output:
              sync_response: {}
            """)
        defer { Task { await stream.stop() } }
        try await waitForPort(port)
        let reply = try await RawHTTPClient.send(
            port: port, method: "PUT", path: "/items/42?q=find%20me",
            headers: ["User-Agent": "sluice-test", "X-Custom": "abc"], body: "hello")
        #expect(reply.status == 201)
        #expect(reply.headers["content-type"] == "application/json")
        #expect(reply.headers["x_trace"] == "t-42")
        let json = try JSONSerialization.jsonObject(with: Data(reply.body.utf8)) as? [String: String]
        #expect(
            json == [
                "id": "42", "body": "HELLO", "verb": "PUT", "path": "/items/42", "agent": "sluice-test", "custom": "abc",
                "q": "find me",
            ])
        await stream.stop()
    }

    @Test("invalid JSON gets the status the mapping chose; wrong path 404, wrong verb 405")
    func statusesAndRouting() async throws {
        let port = RawHTTPClient.freePort()
        let stream = try await RunningStream.start(
            """
            input:
              http_server:
                address: 127.0.0.1:\(port)
                path: /api
                sync_response:
                  status: '${! meta("http_status").or("200") }'
            pipeline:
              processors:
                - mapping: |
                    root = this.catch(err -> {"error": "invalid JSON: " + err})
                    meta http_status = if root.error != null { "400" } else { "200" }
            output:
              sync_response: {}
            """)
        try await waitForPort(port)
        let bad = try await RawHTTPClient.send(port: port, path: "/api", body: "{not json")
        #expect(bad.status == 400)
        #expect(bad.body.contains("invalid JSON"))
        let good = try await RawHTTPClient.send(port: port, path: "/api", body: #"{"a":1}"#)
        #expect(good.status == 200)
        #expect(good.body == #"{"a":1}"#)
        #expect(try await RawHTTPClient.send(port: port, path: "/elsewhere", body: "x").status == 404)
        #expect(try await RawHTTPClient.send(port: port, method: "DELETE", path: "/api").status == 405)
        await stream.stop()
    }

    @Test("an oversized body gets 413, a slow body 408, and the server keeps serving")
    func oversizedAndSlowBodies() async throws {
        let port = RawHTTPClient.freePort()
        let stream = try await RunningStream.start(
            """
            input:
              http_server:
                address: 127.0.0.1:\(port)
                path: /in
                timeout: 1s
                max_body_bytes: 1024
            output:
              sync_response: {}
            """)
        try await waitForPort(port)
        let big = try await RawHTTPClient.send(port: port, path: "/in", body: String(repeating: "x", count: 4096))
        #expect(big.status == 413)
        // Declares 100 bytes, sends 10, then waits past the timeout.
        let slow = try await RawHTTPClient.send(
            port: port, path: "/in", body: "0123456789", parts: 2, pause: 2.5, declaredLength: 100)
        #expect(slow.status == 408)
        let ok = try await RawHTTPClient.send(port: port, path: "/in", body: "still here")
        #expect(ok.status == 200)
        #expect(ok.body == "still here")
        await stream.stop()
    }

    @Test("a failed output answers 500 with the reason; a pipeline slower than the timeout answers 408")
    func nackAndTimeout() async throws {
        let port = RawHTTPClient.freePort()
        let stream = try await RunningStream.start(
            """
            input:
              broker:
                inputs:
                  - http_server:
                      address: 127.0.0.1:\(port)
                      path: /fail
                  - http_server:
                      address: 127.0.0.1:\(port)
                      path: /slow
                      timeout: 500ms
            pipeline:
              processors:
                - switch:
                    - check: '@http_server_request_path == "/slow"'
                      processors:
                        - sleep:
                            duration: 2s
            output:
              switch:
                cases:
                  - check: '@http_server_request_path == "/fail"'
                    output:
                      reject: 'refused by test: ${! content() }'
                  - output:
                      sync_response: {}
            """)
        try await waitForPort(port)
        let failed = try await RawHTTPClient.send(port: port, path: "/fail", body: "abc")
        #expect(failed.status == 500)
        #expect(failed.body.contains("refused by test: abc"))
        let slow = try await RawHTTPClient.send(port: port, path: "/slow", body: "zzz")
        #expect(slow.status == 408)
        await stream.stop()
    }

    @Test("fallback: when the first output fails, the second answers with the status it sets")
    func fallbackAnswers503() async throws {
        let port = RawHTTPClient.freePort()
        let stream = try await RunningStream.start(
            """
            input:
              http_server:
                address: 127.0.0.1:\(port)
                path: /q
                sync_response:
                  status: '${! meta("http_status").or("202") }'
            output:
              fallback:
                - broker:
                    pattern: fan_out_sequential_fail_fast
                    outputs:
                      - reject: broker down
                      - sync_response: {}
                - processors:
                    - mapping: |
                        meta http_status = "503"
                        root.error = "not queued: " + @fallback_error
                  sync_response: {}
            """)
        try await waitForPort(port)
        let reply = try await RawHTTPClient.send(port: port, path: "/q", body: "{}")
        #expect(reply.status == 503)
        #expect(reply.body.contains("not queued: broker down"))
        await stream.stop()
    }

    @Test("CORS preflight is answered for allowed origins")
    func cors() async throws {
        let port = RawHTTPClient.freePort()
        let stream = try await RunningStream.start(
            """
            input:
              http_server:
                address: 127.0.0.1:\(port)
                path: /c
                cors:
                  enabled: true
                  allowed_origins: [https://app.example]
            output:
              sync_response: {}
            """)
        try await waitForPort(port)
        let pre = try await RawHTTPClient.send(
            port: port, method: "OPTIONS", path: "/c", headers: ["Origin": "https://app.example"])
        #expect(pre.status == 204)
        #expect(pre.headers["access-control-allow-origin"] == "https://app.example")
        #expect(pre.headers["access-control-allow-methods"] == "POST")
        await stream.stop()
    }

    @Test("config errors: empty address, bad address, path without slash")
    func configErrors() {
        #expect(IOTest.buildError("http_server:\n  path: /x\n", kind: .input)?.contains("needs an address") == true)
        #expect(IOTest.buildError("http_server:\n  address: nowhere\n", kind: .input) == nil)  // checked at connect
        #expect(IOTest.buildError("http_server:\n  address: 127.0.0.1:1\n  path: x\n", kind: .input)?.contains("must start with /") == true)
    }

    @Test("an address that cannot be bound fails connect with a clear error")
    func bindFailure() async throws {
        let input = try IOTest.input("http_server:\n  address: 203.0.113.1:80\n  path: /x\n")
        do {
            try await input.connect()
            Issue.record("connect should fail")
        } catch {
            #expect("\(error)".contains("cannot listen on 203.0.113.1:80"))
        }
        let bad = try IOTest.input("http_server:\n  address: nowhere\n  path: /x\n")
        await #expect(throws: (any Error).self) { try await bad.connect() }
    }
}
