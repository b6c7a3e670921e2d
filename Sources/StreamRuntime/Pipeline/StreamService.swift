import EmbeddedHTTP
import Foundation
import Synchronization

/// A built stream with its observability: the pipeline, the logger, the metrics and the HTTP
/// server for `/metrics`, `/ping` and `/ready`. `sluice run` drives one of these.
public final class StreamService: Sendable {
    public let pipeline: StreamPipeline
    public let metrics: MetricsRegistry
    public let logger: StructuredLogger
    public let http: HTTPOptions
    /// How long `stop()` waits for in-flight messages (`shutdown_timeout`).
    public let shutdownTimeout: Duration
    /// How long to wait before stopping, e.g. for a last metrics scrape (`shutdown_delay`).
    public let shutdownDelay: Duration
    /// Where the service endpoints are served (`http` in the config).
    public struct HTTPOptions: Sendable {
        public var enabled: Bool
        /// `host:port`; port 0 picks a free port (see `httpPort`).
        public var address: String
        /// Every endpoint is also served under this prefix.
        public var rootPath: String
        public init(enabled: Bool = true, address: String = "0.0.0.0:4195", rootPath: String = "/benthos") {
            self.enabled = enabled
            self.address = address
            self.rootPath = rootPath
        }
    }

    private let server = HTTPServer()
    private let serverStarted = Mutex(false)

    public init(
        pipeline: StreamPipeline, metrics: MetricsRegistry, logger: StructuredLogger,
        http: HTTPOptions = HTTPOptions(enabled: false),
        shutdownTimeout: Duration = .seconds(20), shutdownDelay: Duration = .zero
    ) {
        self.pipeline = pipeline
        self.metrics = metrics
        self.logger = logger
        self.http = http
        self.shutdownTimeout = shutdownTimeout
        self.shutdownDelay = shutdownDelay
    }

    /// Starts the HTTP server when `http.enabled` (once).
    /// - Returns: the bound port, or nil when the server is disabled.
    /// - Throws: `HTTPServerError` when the address cannot be bound.
    @discardableResult
    public func startHTTP() throws(HTTPServerError) -> Int? {
        guard http.enabled else { return nil }
        let already = serverStarted.withLock { s -> Bool in
            defer { s = true }
            return s
        }
        if already { return server.port }
        let pipeline = self.pipeline
        ServiceEndpoints.register(on: server, metrics: metrics, rootPath: http.rootPath) { pipeline.readiness }
        let port = try server.start(address: http.address)
        let shown = http.address.split(separator: ":").dropLast().joined(separator: ":")
        logger.info("Listening for HTTP requests at: http://\(shown.isEmpty ? "0.0.0.0" : shown):\(port)")
        return port
    }

    /// The HTTP server's port (nil before `startHTTP` or when disabled).
    public var httpPort: Int? { serverStarted.withLock { $0 } ? server.port : nil }

    /// Starts the HTTP server, runs the pipeline until its input ends or `stop()`, then
    /// closes the server.
    /// - Throws: `HTTPServerError` when the HTTP address cannot be bound.
    public func run() async throws(HTTPServerError) {
        try startHTTP()
        logger.info("Launching a sluice instance, use CTRL+C to close")
        await pipeline.run()
        if !pipeline.isStopping {
            logger.info("Pipeline has terminated. Shutting down the service")
        }
        await server.stop()
    }

    /// Stops gracefully: waits `shutdown_delay`, then stops reading and drains in-flight
    /// messages within `shutdown_timeout`.
    /// - Returns: true when everything drained in time.
    @discardableResult
    public func stop() async -> Bool {
        if shutdownDelay > .zero {
            logger.info("Shutdown delay is in effect for \(shutdownDelay)")
            try? await Task.sleep(for: shutdownDelay)
        }
        let clean = await pipeline.stop(timeout: shutdownTimeout)
        await server.stop()
        return clean
    }
}
