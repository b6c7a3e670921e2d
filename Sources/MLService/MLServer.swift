import Bloblang
import Foundation
import Hummingbird
import ServiceLifecycle
import StreamRuntime

/// The HTTP face of the reference model.
///
/// Routes: `POST /inference`, `POST /v1/completions` (OpenAI shape), `GET /models` and
/// `GET /v1/models`, `GET /health` (also `/ping` and `/ready`), `GET /metrics` (Prometheus
/// text). The fault knobs apply to the two generation routes only, so probes keep working.
public final class MLServer: Sendable {
    /// The largest request body read; bigger bodies get 413.
    public static let maxBodyBytes = 1 << 20

    /// The trained model.
    public let model: NGramModel
    /// The served model ids.
    public let catalog: ModelCatalog
    /// The test knobs.
    public let faults: FaultInjector
    /// The server seed mixed into every generation seed.
    public let seed: UInt64
    /// Log lines (JSON to standard error in the executable).
    public let log: StructuredLogger
    /// The series served at `/metrics`.
    public let metrics: MetricsRegistry

    private let shutdownSignal = ShutdownSignal()
    private let startedAt = Int(Date().timeIntervalSince1970)

    /// - Parameters:
    ///   - model: the trained model.
    ///   - faults: latency and failure knobs (none by default).
    ///   - seed: the server seed (`--seed`).
    ///   - log: where request and lifecycle lines go.
    public init(
        model: NGramModel, catalog: ModelCatalog = ModelCatalog(), faults: FaultInjector = FaultInjector(),
        seed: UInt64 = 0, log: StructuredLogger = .silent, metrics: MetricsRegistry = MetricsRegistry()
    ) {
        self.model = model
        self.catalog = catalog
        self.faults = faults
        self.seed = seed
        self.log = log
        self.metrics = metrics
    }

    // MARK: - Running

    /// Serves on `host:port` until `shutdown()` is called or the task is cancelled.
    ///
    /// On `shutdown()` the server stops accepting connections, hanging requests are released
    /// (answered 503) and open requests finish before it returns.
    /// - Parameters:
    ///   - port: 0 picks a free port; `onListening` receives the bound one.
    ///   - onListening: called once the socket listens, with the bound port.
    /// - Throws: `MLServiceError.startup` when the address cannot be bound.
    public func run(
        host: String, port: Int,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws {
        let router = Router()
        addRoutes(to: router)
        let log = self.log
        let app = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "ml-service"),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? port
                log.info("ml-service listening", ["host": .string(host), "port": .int(Int64(bound))])
                await onListening(bound)
            },
            logger: log.logger
        )
        // The group has no signals of its own (ProcessSignals in the executable handles them);
        // `shutdown()` triggers its graceful shutdown so Hummingbird drains open requests.
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [], logger: log.logger))
        let signal = shutdownSignal
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                await signal.wait()
                await group.triggerGracefulShutdown()
            }
            do {
                try await group.run()
            } catch {
                tasks.cancelAll()
                if !signal.hasFired { throw MLServiceError.startup("\(error)") }
            }
            tasks.cancelAll()
        }
        log.info("ml-service stopped")
    }

    /// Begins a graceful shutdown (safe to call from any thread, more than once).
    public func shutdown() { shutdownSignal.fire() }

    // MARK: - Routes

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.post("/inference") { [self] request, _ in
            await generateRoute(request, route: "/inference") { r, g in
                .object([
                    "output": .string(g.text),
                    "model": .string(r.model),
                    "finish_reason": .string(g.finishReason.rawValue),
                    "usage": Self.usage(g),
                ])
            }
        }
        router.post("/v1/completions") { [self] request, _ in
            await generateRoute(request, route: "/v1/completions") { r, g in
                .object([
                    "id": .string("cmpl-" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")),
                    "object": .string("text_completion"),
                    "created": .int(Int64(Date().timeIntervalSince1970)),
                    "model": .string(r.model),
                    "choices": .array([
                        .object([
                            "text": .string(g.text), "index": .int(0), "logprobs": .null,
                            "finish_reason": .string(g.finishReason.rawValue),
                        ])
                    ]),
                    "usage": Self.usage(g),
                ])
            }
        }
        for path in ["/models", "/v1/models"] {
            router.get(RouterPath(path)) { [self] _, _ in
                count(path, 200)
                return Self.json(200, modelList())
            }
        }
        for path in ["/health", "/ping", "/ready"] {
            router.get(RouterPath(path)) { [self] _, _ in
                Self.json(200, .object(["status": .string("ok"), "vocabulary": .int(Int64(model.vocabularySize))]))
            }
        }
        router.get("/metrics") { [self] _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: metrics.render())))
        }
    }

    /// The shared path of both generation routes: knobs, body, validation, model, metrics.
    private func generateRoute(
        _ request: Request, route: String, shape: @Sendable (CompletionRequest, Generation) -> Value
    ) async -> Response {
        let started = ContinuousClock.now
        let response = await answer(request, route: route, shape: shape)
        let elapsed = ContinuousClock.now - started
        let nanos = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
        metrics.record("ml_service_request_latency_ns", labels: ["route": route], nanoseconds: nanos)
        count(route, Int(response.status.code))
        return response
    }

    private func answer(
        _ request: Request, route: String, shape: @Sendable (CompletionRequest, Generation) -> Value
    ) async -> Response {
        switch faults.decide() {
        case .hang:
            metrics.increment("ml_service_injected_faults_total", labels: ["kind": "hang"])
            log.info("injected fault: not answering", ["route": .string(route)])
            await shutdownSignal.wait()
            return Self.error(503, "the service is shutting down", route: route)
        case .fail(let status):
            if faults.latencyMilliseconds > 0 { try? await Task.sleep(for: .milliseconds(faults.latencyMilliseconds)) }
            metrics.increment("ml_service_injected_faults_total", labels: ["kind": "failure"])
            log.info("injected fault: failing", ["route": .string(route), "status": .int(Int64(status))])
            return Self.error(status, "injected failure (--failure-rate)", route: route)
        case .answer:
            if faults.latencyMilliseconds > 0 { try? await Task.sleep(for: .milliseconds(faults.latencyMilliseconds)) }
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: Self.maxBodyBytes)
        } catch let e as any HTTPResponseError where e.status == .contentTooLarge {
            return Self.error(413, "the request body is larger than \(Self.maxBodyBytes) bytes", route: route)
        } catch {
            return Self.error(400, "the request body could not be read: \(error)", route: route)
        }
        let parsed: CompletionRequest
        do {
            parsed = try CompletionRequest(json: Array(buffer: body), catalog: catalog)
        } catch {
            log.info("bad request", ["route": .string(route), "error": .string(error.description)])
            return Self.error(400, error.description, route: route)
        }
        let order = catalog.model(parsed.model)?.order ?? catalog.defaultModel.order
        let generation = model.generate(
            prompt: parsed.prompt, maxTokens: parsed.maxTokens, temperature: parsed.temperature, order: order,
            seed: generationSeed(parsed))
        metrics.increment("ml_service_tokens_total", labels: ["kind": "prompt"], by: Double(generation.promptTokens))
        metrics.increment(
            "ml_service_tokens_total", labels: ["kind": "completion"], by: Double(generation.completionTokens))
        // The fields are built only when debug lines are written: this runs once per request.
        if log.isEnabled(.debug) {
            log.debug(
                "generated",
                [
                    "route": .string(route), "model": .string(parsed.model),
                    "prompt_tokens": .int(Int64(generation.promptTokens)),
                    "completion_tokens": .int(Int64(generation.completionTokens)),
                ])
        }
        return Self.json(200, shape(parsed, generation))
    }

    /// The seed of one generation: the server seed, the request seed and every input that
    /// shapes the output except `max_tokens` (so a shorter request gives a prefix).
    public func generationSeed(_ r: CompletionRequest) -> UInt64 {
        var h = StableHash()
        h.combine(seed)
        h.combine(r.seed ?? 0)
        h.combine(r.model)
        h.combine(r.prompt)
        h.combine(r.temperature.bitPattern)
        return h.value
    }

    private func modelList() -> Value {
        .object([
            "object": .string("list"),
            "data": .array(
                catalog.models.map {
                    .object([
                        "id": .string($0.id), "object": .string("model"), "created": .int(Int64(startedAt)),
                        "owned_by": .string("sluice"), "order": .int(Int64($0.order)),
                    ])
                }),
        ])
    }

    private func count(_ route: String, _ status: Int) {
        metrics.increment("ml_service_requests_total", labels: ["route": route, "status": String(status)])
    }

    private static func usage(_ g: Generation) -> Value {
        .object([
            "prompt_tokens": .int(Int64(g.promptTokens)),
            "completion_tokens": .int(Int64(g.completionTokens)),
            "total_tokens": .int(Int64(g.promptTokens + g.completionTokens)),
        ])
    }

    private static func json(_ status: Int, _ value: Value) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        let bytes = JSONWriter.compact(value, escapeHTML: false)
        return Response(
            status: HTTPResponse.Status(code: status), headers: headers,
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// `{"error": "..."}` on `/inference`; OpenAI's `{"error": {"message", "type", "code"}}` on `/v1/...`.
    private static func error(_ status: Int, _ message: String, route: String) -> Response {
        guard route.hasPrefix("/v1/") else { return json(status, .object(["error": .string(message)])) }
        let type = status == 400 || status == 413 ? "invalid_request_error" : "server_error"
        return json(
            status,
            .object([
                "error": .object(["message": .string(message), "type": .string(type), "code": .int(Int64(status))])
            ]))
    }
}
