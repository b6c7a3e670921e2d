import EmbeddedHTTP
import Foundation
import Hummingbird
import Logging
import NIOCore
import StreamRuntime
import Synchronization

/// The request context of Sluice's HTTP servers: Hummingbird's core storage plus the peer's
/// address (for the `http_server_remote_ip` metadata).
struct ServerRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteIP: String?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteIP = source.channel.remoteAddress?.ipAddress
    }
}

/// One endpoint registered on a shared server.
struct HTTPEndpoint: Sendable {
    typealias Handler = @Sendable (Request, ServerRequestContext, [String: String]) async -> Response
    let id: UInt64
    let route: HTTPRoute
    /// Upper-case verbs; OPTIONS is always passed to the handler when `answersPreflight`.
    let verbs: Set<String>
    let answersPreflight: Bool
    let handler: Handler
}

/// The process-wide HTTP servers of `http_server` inputs, one per listen address, so several
/// inputs (say, a POST and a GET endpoint joined by a `broker` input) share one port. A server
/// starts with its first endpoint and stops when its last endpoint is removed.
actor HTTPServerHub {
    static let shared = HTTPServerHub()

    private var servers: [String: SharedHTTPServer] = [:]
    private var nextID: UInt64 = 0

    /// Adds an endpoint on `address`, starting the server there if needed. Returns the server
    /// and the endpoint id (for `remove`).
    func add(
        address: String, route: HTTPRoute, verbs: Set<String>, answersPreflight: Bool,
        handler: @escaping HTTPEndpoint.Handler
    ) async throws -> (SharedHTTPServer, UInt64) {
        nextID += 1
        let endpoint = HTTPEndpoint(id: nextID, route: route, verbs: verbs, answersPreflight: answersPreflight, handler: handler)
        let server: SharedHTTPServer
        if let existing = servers[address] {
            server = existing
        } else {
            server = try SharedHTTPServer(address: address)
            servers[address] = server
        }
        try server.add(endpoint)
        do {
            try await server.start()
        } catch {
            if server.remove(endpoint.id) { servers[address] = nil }
            throw error
        }
        return (server, endpoint.id)
    }

    /// Removes an endpoint; the server stops once it has none left.
    func remove(address: String, id: UInt64) async {
        guard let server = servers[address] else { return }
        if server.remove(id) {
            servers[address] = nil
            await server.stop()
        }
    }
}

/// Errors of the HTTP server side.
struct HTTPServerSetupError: Error, CustomStringConvertible {
    let description: String
}

/// A Hummingbird server on one address that dispatches to the registered endpoints.
final class SharedHTTPServer: Sendable {
    let address: String
    private let host: String
    private let port: Int

    private struct State {
        var endpoints: [HTTPEndpoint] = []
        var runTask: Task<Void, Never>?
        var startRequested = false
        var boundPort: Int?
        var startError: String?
    }

    private let state = Mutex(State())
    private let started = AsyncEvent()

    init(address: String) throws {
        self.address = address
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]),
            (0...65535).contains(port)
        else {
            throw HTTPServerSetupError(description: "invalid listen address '\(address)': expected host:port, e.g. 0.0.0.0:8080")
        }
        var host = String(address[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        self.host = host.isEmpty ? "0.0.0.0" : host
        self.port = port
    }

    /// The port actually bound (useful with port 0), once started.
    var boundPort: Int? { state.withLock { $0.boundPort } }

    func add(_ endpoint: HTTPEndpoint) throws {
        try state.withLock { s in
            if let clash = s.endpoints.first(where: { $0.route.segments == endpoint.route.segments && !$0.verbs.isDisjoint(with: endpoint.verbs) }) {
                throw HTTPServerSetupError(
                    description: "path \(endpoint.route.pattern) is already served on \(address) by another input (\(clash.route.pattern))")
            }
            s.endpoints.append(endpoint)
            // Exact routes before catch-all ones, longer before shorter.
            s.endpoints.sort { a, b in
                if a.route.matchesSubpaths != b.route.matchesSubpaths { return !a.route.matchesSubpaths }
                return a.route.segments.count > b.route.segments.count
            }
        }
    }

    /// Removes an endpoint; true when none is left.
    func remove(_ id: UInt64) -> Bool {
        state.withLock { s in
            s.endpoints.removeAll { $0.id == id }
            return s.endpoints.isEmpty
        }
    }

    /// Starts listening (once); returns when the socket is bound, throws when it cannot be.
    func start() async throws {
        let needsStart = state.withLock { s -> Bool in
            if s.startRequested { return false }
            s.startRequested = true
            return true
        }
        if needsStart {
            var logger = Logger(label: "sluice.http_server")
            // Cancelling the server on stop is expected; Hummingbird reports it at error level.
            logger.logLevel = .critical
            let responder = CallbackResponder<ServerRequestContext> { [self] request, context in
                await self.dispatch(request, context)
            }
            let app = Application(
                responder: responder,
                server: .http1(configuration: .init(idleTimeout: .seconds(75))),
                configuration: .init(address: .hostname(host, port: port), serverName: nil),
                onServerRunning: { [self] channel in
                    state.withLock { $0.boundPort = channel.localAddress?.port }
                    started.set()
                },
                logger: logger)
            let task = Task { [self] in
                do {
                    try await app.run()
                } catch {
                    state.withLock { $0.startError = "\(error)" }
                }
                started.set()
            }
            state.withLock { $0.runTask = task }
        }
        await started.wait()
        if let error = state.withLock({ $0.boundPort == nil ? ($0.startError ?? "server stopped") : nil }) {
            throw HTTPServerSetupError(description: "http_server cannot listen on \(address): \(error)")
        }
    }

    /// Stops the server: open connections are closed.
    func stop() async {
        let task = state.withLock { s -> Task<Void, Never>? in
            let t = s.runTask
            s.runTask = nil
            return t
        }
        task?.cancel()
        await task?.value
    }

    private func dispatch(_ request: Request, _ context: ServerRequestContext) async -> Response {
        let endpoints = state.withLock { $0.endpoints }
        let verb = request.method.rawValue.uppercased()
        var pathMatched = false
        for e in endpoints {
            guard let params = e.route.match(request.uri.path) else { continue }
            pathMatched = true
            if e.verbs.contains(verb) || (verb == "OPTIONS" && e.answersPreflight) {
                return await e.handler(request, context, params)
            }
        }
        if pathMatched { return HTTPReply.text(405, "Method Not Allowed") }
        return HTTPReply.text(404, "Not Found")
    }
}

/// Small response builders.
enum HTTPReply {
    static func text(_ status: Int, _ text: String, headers: HTTPFields = [:]) -> Response {
        var h = headers
        h[.contentType] = "text/plain; charset=utf-8"
        return Response(status: .init(code: status), headers: h, body: .init(byteBuffer: ByteBuffer(string: text + "\n")))
    }

    static func bytes(_ status: Int, _ body: [UInt8], headers: HTTPFields) -> Response {
        Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
