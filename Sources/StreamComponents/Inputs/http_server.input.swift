import Bloblang
import EmbeddedHTTP
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import StreamRuntime
import Synchronization

extension ComponentSpec {
    /// `http_server`: each HTTP request becomes a message; the reply comes from the pipeline.
    static let httpServerInput = ComponentSpec(
        .input, "http_server",
        summary: "Receives messages sent over HTTP and answers each request from the pipeline.",
        description: """
            Each request to `path` with one of the `allowed_verbs` becomes one message whose content is the \
            request body. The request is answered once the message has been through the pipeline and its \
            output has written it (the acknowledgement):

            - when a `sync_response` output or processor saw the message, the answer is that message as it \
            stood then: its content is the body, `sync_response.status` (interpolated on it) the status, and \
            `sync_response.headers` plus the metadata selected by `sync_response.metadata_headers` the headers;
            - when nothing set a response, the answer is `200` with an empty body;
            - when the output failed (the message was nacked), the answer is `500` with the reason;
            - when no answer is ready within `timeout`, the answer is `408`;
            - a body larger than `max_body_bytes` gets `413`, a body that does not arrive within `timeout` \
            gets `408`, a path that is not served `404`, and a verb that is not allowed `405`.

            Path parameters (`/api/v1/items/{id}`) are added to the metadata under their name; a path \
            ending in `/` also serves every path below it. Metadata also holds `http_server_user_agent`, \
            `http_server_request_path`, `http_server_verb`, `http_server_remote_ip`, every request header \
            (under its canonical name, e.g. `Content-Type`; the first value only) and every query \
            parameter.

            Several `http_server` inputs with the same `address` share one listening socket, so a `broker` \
            input can serve several paths from one port. Unlike Benthos, an empty `address` is an error: \
            Sluice's service endpoints (`/metrics`, `/ping`, `/ready`) run on their own server.
            """,
        fields: [
            FieldSpec("address", .string, "The address to listen on, `host:port` (required).", default: .string(""), examples: [.string("0.0.0.0:8080")]),
            FieldSpec("path", .string, "The path served, with optional `{name}` parameters.", default: .string("/post")),
            FieldSpec(
                "allowed_verbs", .array(.string), "The HTTP verbs accepted.",
                default: .array([.string("POST")])),
            FieldSpec(
                "timeout", .string, "How long a request may take, from receiving its body to the answer.",
                default: .string("5s")),
            FieldSpec(
                "max_body_bytes", .int, "The largest request body accepted; larger ones are answered with 413.",
                default: .int(10 << 20), advanced: true),
            FieldSpec(
                "cors", .object([
                    FieldSpec("enabled", .bool, "Whether to answer CORS preflight requests and add CORS headers.", default: .bool(false)),
                    FieldSpec(
                        "allowed_origins", .array(.string), "The origins allowed (`*` for any).", default: .array([])),
                ]), "Cross-origin resource sharing.", default: .object([:]), advanced: true),
            FieldSpec(
                "sync_response",
                .object([
                    FieldSpec(
                        "status", .interpolatedString, "The status of the answer, interpolated on the response message.",
                        default: .string("200"), examples: [.string(#"${! meta("http_status").or("200") }"#)]),
                    FieldSpec(
                        "headers", .map(.interpolatedString), "Headers of the answer, interpolated on the response message.",
                        default: .object(["Content-Type": .string("application/octet-stream")])),
                    FieldSpec(
                        "metadata_headers",
                        .object([
                            FieldSpec("include_prefixes", .array(.string), "Metadata keys with these prefixes become headers.", default: .array([])),
                            FieldSpec("include_patterns", .array(.string), "Metadata keys matching these regular expressions become headers.", default: .array([])),
                        ]), "Which metadata of the response message to send as headers.", default: .object([:])),
                ]), "How the answer is built from the response message.", default: .object([:]), advanced: true),
        ],
        examples: [
            ConfigExample(
                "Echo service",
                summary: "Answers every POST to /echo with the upper-cased body.",
                yaml: """
                    input:
                      http_server:
                        address: 127.0.0.1:8080
                        path: /echo
                    pipeline:
                      processors:
                        - mapping: root = content().uppercase()
                    output:
                      sync_response: {}
                    """),
            ConfigExample(
                "JSON API with status codes",
                summary: "Validates a JSON body and answers 400 with the reason, or 202.",
                yaml: """
                    input:
                      http_server:
                        address: 127.0.0.1:8080
                        path: /api/v1/items/{id}
                        allowed_verbs: [PUT]
                        sync_response:
                          status: '${! meta("http_status").or("200") }'
                          headers:
                            Content-Type: application/json
                    pipeline:
                      processors:
                        - mapping: |
                            root.id = @id
                            root.name = this.name.string().catch(deleted())
                            meta http_status = if root.name == null { "400" } else { "202" }
                    output:
                      sync_response: {}
                    """),
        ]
    ) { config, context in
        .input(try HTTPServerInput(config, context))
    }
}

/// The `http_server` input: a Hummingbird endpoint feeding an unbuffered channel that the
/// pipeline reads, each request waiting for its message's acknowledgement.
final class HTTPServerInput: Input {
    let address: String
    let route: HTTPRoute
    let verbs: Set<String>
    let timeout: Double
    let maxBodyBytes: Int
    let corsEnabled: Bool
    let allowedOrigins: [String]
    let status: InterpolatedString
    let headers: [(String, InterpolatedString)]
    let metadataHeaders: MetadataFilter
    let environment: Bloblang.Environment
    private let channel: InprocChannel

    private struct State {
        var endpointID: UInt64?
        var server: SharedHTTPServer?
        var closing = false
        var inFlight = 0
    }

    private let state = Mutex(State())

    init(_ config: ComponentConfig, _ context: BuildContext) throws(ConfigError) {
        address = try config.string("address")
        if address.isEmpty {
            throw config.error(
                "an http_server input needs an address (host:port); Sluice does not share the service endpoints' server",
                field: "address")
        }
        let path = try config.string("path")
        guard path.hasPrefix("/") else { throw config.error("path must start with /", field: "path") }
        route = HTTPRoute(path)
        verbs = Set(try config.stringList("allowed_verbs").map { $0.uppercased() })
        if verbs.isEmpty { throw config.error("at least one verb must be allowed", field: "allowed_verbs") }
        timeout = try config.duration("timeout")
        maxBodyBytes = try config.int("max_body_bytes")
        let cors = config.object("cors")
        corsEnabled = try cors.bool("enabled")
        allowedOrigins = try cors.stringList("allowed_origins")
        let sync = config.object("sync_response")
        status = try context.interpolated(sync, "status")
        var hs: [(String, InterpolatedString)] = []
        for (name, text) in try sync.stringMap("headers").sorted(by: { $0.key < $1.key }) {
            hs.append((name, try context.interpolated(text, in: sync, field: "headers")))
        }
        headers = hs
        metadataHeaders = try MetadataFilter(sync.object("metadata_headers"))
        environment = context.environment
        channel = InprocChannel(name: "http_server \(address)\(path)")
    }

    func connect() async throws {
        if state.withLock({ $0.endpointID != nil }) { return }
        let (server, id) = try await HTTPServerHub.shared.add(
            address: address, route: route, verbs: verbs, answersPreflight: corsEnabled
        ) { [self] request, context, params in
            await handle(request, context, params)
        }
        state.withLock {
            $0.server = server
            $0.endpointID = id
            $0.closing = false
        }
    }

    func read() async throws -> (Batch, AckHandler) {
        try await channel.receive()
    }

    /// Stops taking requests (new ones get 503), fails those not yet read by the pipeline,
    /// lets the ones in the pipeline get their answers (up to `timeout`), then leaves the
    /// server.
    func close() async {
        state.withLock { $0.closing = true }
        await channel.failWaitingSenders()
        let deadline = ContinuousClock.now + .nanoseconds(Int64((timeout + 1) * 1e9))
        while state.withLock({ $0.inFlight > 0 }) && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        let id = state.withLock { s -> UInt64? in
            let id = s.endpointID
            s.endpointID = nil
            return id
        }
        if let id { await HTTPServerHub.shared.remove(address: address, id: id) }
    }

    /// The port the server listens on (after `connect`), for tests that bind port 0.
    var boundPort: Int? { state.withLock { $0.server?.boundPort } }

    // MARK: - Requests

    private func handle(_ request: Request, _ context: ServerRequestContext, _ params: [String: String]) async -> Response {
        let origin = request.headers[.origin]
        var corsHeaders = HTTPFields()
        if corsEnabled, let origin, allowedOrigins.contains("*") || allowedOrigins.contains(origin) {
            corsHeaders[.accessControlAllowOrigin] = allowedOrigins.contains("*") ? "*" : origin
            corsHeaders[.vary] = "Origin"
        }
        if request.method == .options, corsEnabled {
            corsHeaders[.accessControlAllowMethods] = verbs.sorted().joined(separator: ", ")
            corsHeaders[.accessControlAllowHeaders] = request.headers[.accessControlRequestHeaders] ?? "Content-Type, Authorization"
            return Response(status: .noContent, headers: corsHeaders)
        }
        let accepted = state.withLock { s -> Bool in
            if s.closing { return false }
            s.inFlight += 1
            return true
        }
        guard accepted else { return HTTPReply.text(503, "Service Unavailable: shutting down", headers: corsHeaders) }
        defer { state.withLock { $0.inFlight -= 1 } }
        let limit = maxBodyBytes
        let requestBody = request.body
        let body: ByteBuffer
        do {
            body = try await withDeadline(seconds: timeout) { try await requestBody.collect(upTo: limit) }
        } catch is DeadlineExceeded {
            return HTTPReply.text(408, "Request Timeout: the body did not arrive within \(DurationText.format(timeout))", headers: corsHeaders)
        } catch is NIOTooManyBytesError {
            return HTTPReply.text(413, "Content Too Large: the body exceeds \(limit) bytes", headers: corsHeaders)
        } catch {
            return HTTPReply.text(400, "Bad Request: \(error)", headers: corsHeaders)
        }
        var message = Message(content: Array(buffer: body), metadata: metadata(request, context, params))
        let id = SyncResponse.store.open()
        SyncResponse.tag(&message, id: id)
        let batch: Batch = [message]
        let result: AckResult
        do {
            result = try await withDeadline(seconds: timeout) { [channel] in try await channel.send(batch) }
        } catch is CancellationError {
            _ = SyncResponse.store.take(id)
            return HTTPReply.text(503, "Service Unavailable: shutting down", headers: corsHeaders)
        } catch {
            _ = SyncResponse.store.take(id)
            return HTTPReply.text(408, "Request Timeout: no response within \(DurationText.format(timeout))", headers: corsHeaders)
        }
        let responses = SyncResponse.store.take(id)
        switch result {
        case .nack(let reason):
            return HTTPReply.text(500, "Internal Server Error: \(reason)", headers: corsHeaders)
        case .ack:
            guard let responseBatch = responses.first, !responseBatch.isEmpty else {
                return Response(status: .ok, headers: corsHeaders)
            }
            return reply(from: responseBatch, extraHeaders: corsHeaders)
        }
    }

    private func metadata(_ request: Request, _ context: ServerRequestContext, _ params: [String: String]) -> [String: Value] {
        var meta: [String: Value] = [:]
        for field in request.headers where meta[field.name.canonicalName.canonicalHeaderName] == nil {
            meta[field.name.canonicalName.canonicalHeaderName] = .string(field.value)
        }
        for (key, value) in request.uri.queryParameters where meta[String(key)] == nil {
            meta[String(key)] = .string(String(value))
        }
        for (k, v) in params { meta[k] = .string(v) }
        meta["http_server_user_agent"] = .string(request.headers[.userAgent] ?? "")
        meta["http_server_request_path"] = .string(request.uri.path)
        meta["http_server_verb"] = .string(request.method.rawValue)
        if let ip = context.remoteIP { meta["http_server_remote_ip"] = .string(ip) }
        return meta
    }

    private func reply(from batch: Batch, extraHeaders: HTTPFields) -> Response {
        let message = batch[0]
        var fields = extraHeaders
        var code = 200
        do {
            let text = try IOMessageContext.render(status, environment: environment, batch: batch, index: 0)
            guard let c = Int(text.trimmingCharacters(in: CharacterSet.whitespaces)), (100...599).contains(c) else {
                return HTTPReply.text(500, "Internal Server Error: sync_response.status '\(text)' is not an HTTP status code")
            }
            code = c
            for (name, value) in headers {
                guard let field = HTTPField.Name(name) else { continue }
                fields[field] = try IOMessageContext.render(value, environment: environment, batch: batch, index: 0)
            }
        } catch {
            return HTTPReply.text(500, "Internal Server Error: sync_response interpolation failed: \(error)")
        }
        for (key, value) in metadataHeaders.select(message.metadata) {
            if let field = HTTPField.Name(key) { fields[field] = value.plainString }
        }
        // A multi-message response joins the bodies with newlines.
        var body = message.content
        for m in batch.dropFirst() {
            body.append(UInt8(ascii: "\n"))
            body.append(contentsOf: m.content)
        }
        return HTTPReply.bytes(code, body, headers: fields)
    }
}
