import Bloblang
import EmbeddedHTTP

/// Registers the service endpoints Benthos serves on `http.address`: `/ping` (`pong`),
/// `/ready` (200 when the input and output are connected, 503 otherwise, with a JSON body
/// listing each connection), `/metrics` and `/stats` (Prometheus text) and `/version`.
/// Each is also served under `rootPath` (Benthos's `http.root_path`, `/benthos`).
public enum ServiceEndpoints {
    /// What `/ready` reports: each component's label, path and whether it is connected.
    public struct Readiness: Sendable {
        public struct Entry: Sendable {
            public var label: String
            public var path: String
            public var connected: Bool
            public var error: String?
            public init(label: String, path: String, connected: Bool, error: String? = nil) {
                self.label = label
                self.path = path
                self.connected = connected
                self.error = error
            }
        }
        public var entries: [Entry]
        /// Set once the stream has stopped (`/ready` is then always 503).
        public var terminated: Bool
        public init(entries: [Entry], terminated: Bool = false) {
            self.entries = entries
            self.terminated = terminated
        }
    }

    /// The Sluice version `/version` reports.
    public static let version = "0.1.0"

    /// Adds the endpoints to `server`.
    /// - Parameters:
    ///   - readiness: called for each `/ready` request.
    public static func register(
        on server: HTTPServer, metrics: MetricsRegistry, rootPath: String = "/benthos",
        readiness: @escaping @Sendable () -> Readiness
    ) {
        let routes: [(String, HTTPServer.Handler)] = [
            ("/ping", { _ in HTTPResponse(text: "pong") }),
            (
                "/version",
                { _ in
                    HTTPResponse(contentType: "application/json", text: #"{"version":"\#(version)","built":""}"# + "\n")
                }
            ),
            ("/metrics", { _ in HTTPResponse(contentType: "text/plain; version=0.0.4; charset=utf-8", text: metrics.render()) }),
            ("/stats", { _ in HTTPResponse(contentType: "text/plain; version=0.0.4; charset=utf-8", text: metrics.render()) }),
            ("/ready", { _ in readyResponse(readiness()) }),
        ]
        var prefix = rootPath
        while prefix.hasSuffix("/") { prefix.removeLast() }
        for (path, handler) in routes {
            server.register(path, handler)
            if !prefix.isEmpty { server.register(prefix + path, handler) }
        }
    }

    /// The `/ready` response for a readiness report.
    public static func readyResponse(_ r: Readiness) -> HTTPResponse {
        var statuses: [Value] = []
        for e in r.entries {
            var o: [String: Value] = ["label": .string(e.label), "path": .string(e.path), "connected": .bool(e.connected)]
            if let err = e.error { o["error"] = .string(err) }
            statuses.append(.object(o))
        }
        var body: [String: Value] = ["statuses": .array(statuses)]
        let ready = !r.terminated && r.entries.allSatisfy(\.connected)
        if r.terminated { body["error"] = .string("stream terminated") }
        return HTTPResponse(
            status: ready ? 200 : 503, contentType: "application/json",
            text: JSONWriter.compactString(.object(body)) + "\n")
    }
}
