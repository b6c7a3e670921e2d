import Bloblang
import Dispatch
import EmbeddedHTTP
import Foundation
import Synchronization

/// The JSON endpoints of `blobl server`, free of sockets so they can be tested directly.
///
/// Evaluation runs on its own large-stack thread and is waited for with a deadline: a
/// runaway mapping gets a timeout answer while the thread finishes in the background, and
/// only a few such threads may exist at once, so a playground cannot be hung or flooded.
public final class PlaygroundHandlers: Sendable {
    /// Limits on evaluation.
    public struct Limits: Sendable {
        /// How long an answer may take.
        public var deadline: Duration
        /// The largest mapping, input or metadata text accepted, in bytes.
        public var maxInputBytes: Int
        /// The largest result returned, in bytes.
        public var maxOutputBytes: Int
        /// How many evaluations may run at once (including ones past their deadline).
        public var maxRunning: Int

        /// Creates limits.
        public init(deadline: Duration = .seconds(2), maxInputBytes: Int = 1 << 20, maxOutputBytes: Int = 4 << 20, maxRunning: Int = 4) {
            self.deadline = deadline
            self.maxInputBytes = maxInputBytes
            self.maxOutputBytes = maxOutputBytes
            self.maxRunning = maxRunning
        }
    }

    /// The functions and methods mappings may use.
    public let environment: Environment
    /// The limits.
    public let limits: Limits
    /// The mapping file edits are written to with `-w`, and read at start.
    public let mappingPath: String?
    /// The input file edits are written to with `-w`, and read at start.
    public let inputPath: String?
    /// Whether `/save` writes the files.
    public let writeBack: Bool
    private let running = Atomic<Int>(0)
    private let initial: Mutex<(mapping: String, input: String)>

    /// Creates the handlers.
    /// - Parameters:
    ///   - initialMapping: the mapping shown at start.
    ///   - initialInput: the input shown at start.
    public init(
        environment: Environment, limits: Limits = Limits(), initialMapping: String, initialInput: String,
        mappingPath: String? = nil, inputPath: String? = nil, writeBack: Bool = false
    ) {
        self.environment = environment
        self.limits = limits
        self.mappingPath = mappingPath
        self.inputPath = inputPath
        self.writeBack = writeBack
        self.initial = Mutex((initialMapping, initialInput))
    }

    // MARK: - Routing

    /// Registers the page and the endpoints on `server`.
    public func register(on server: HTTPServer) {
        server.register("/") { _ in HTTPResponse(contentType: "text/html; charset=utf-8", text: PlaygroundPage.html) }
        server.register("/execute") { [self] request in
            guard request.method == "POST" else { return Self.json(["error": .string("use POST")], status: 405) }
            return await execute(body: request.body)
        }
        server.register("/specs") { [self] _ in Self.json(specs()) }
        server.register("/state") { [self] _ in Self.json(state()) }
        server.register("/save") { [self] request in
            guard request.method == "POST" else { return Self.json(["error": .string("use POST")], status: 405) }
            return save(body: request.body)
        }
    }

    /// Starts a server with these handlers on `host:port` (port 0 picks one).
    /// - Returns: the server (keep it alive) and the bound port.
    /// - Throws: a `PlaygroundHandlers.StartError` when the address cannot be bound.
    public func start(host: String, port: Int) throws(StartError) -> (server: HTTPServer, port: Int) {
        let server = HTTPServer(maxBodySize: limits.maxInputBytes * 3 + 1024)
        register(on: server)
        let address = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        do {
            return (server, try server.start(address: address))
        } catch {
            throw StartError(message: "cannot listen on \(address): \(error.message)")
        }
    }

    /// The server could not start.
    public struct StartError: Error, Sendable, CustomStringConvertible {
        /// What went wrong.
        public var message: String
        public var description: String { message }
    }

    static func json(_ object: [String: Value], status: Int = 200) -> HTTPResponse {
        HTTPResponse(
            status: status, headers: ["Content-Type": "application/json", "Cache-Control": "no-store"],
            body: JSONWriter.compact(.object(object), escapeHTML: false))
    }

    // MARK: - Endpoints

    /// `GET /state`: the mapping and input to start with, and whether edits are saved.
    public func state() -> [String: Value] {
        let (mapping, input) = initial.withLock { $0 }
        return ["mapping": .string(mapping), "input": .string(input), "write": .bool(writeBack)]
    }

    /// `GET /specs`: every visible function and method, for the reference panel.
    public func specs() -> [String: Value] {
        func entry(_ e: DocEntry) -> Value {
            .object([
                "name": .string(e.name), "signature": .string(e.signature), "category": .string(e.category.rawValue),
                "summary": .string(e.summary), "description": .string(e.description),
                "status": .string(e.status.rawValue),
            ])
        }
        let functions = environment.functions.values.filter { $0.status != .hidden }.sorted { $0.name < $1.name }
        let methods = environment.methods.values.filter { $0.status != .hidden }.sorted { $0.name < $1.name }
        return [
            "functions": .array(functions.map { entry(DocEntry($0)) }),
            "methods": .array(methods.map { entry(DocEntry($0)) }),
        ]
    }

    /// `POST /save`: writes the mapping and input back to their files (with `-w`).
    public func save(body: [UInt8]) -> HTTPResponse {
        guard writeBack else { return Self.json(["error": .string("the server was not started with -w")], status: 403) }
        guard case .object(let req)? = try? JSONReader.parse(body) else {
            return Self.json(["error": .string("expected a JSON object")], status: 400)
        }
        var written: [Value] = []
        for (key, path) in [("mapping", mappingPath), ("input", inputPath)] {
            guard let path, case .string(let text)? = req[key] else { continue }
            do {
                try text.write(toFile: path, atomically: true, encoding: .utf8)
                written.append(.string(path))
            } catch {
                return Self.json(["error": .string("cannot write \(path): \(error.localizedDescription)")], status: 500)
            }
        }
        initial.withLock { s in
            if case .string(let m)? = req["mapping"] { s.mapping = m }
            if case .string(let i)? = req["input"] { s.input = i }
        }
        return Self.json(["written": .array(written)])
    }

    /// `POST /execute` with `{"mapping", "input", "metadata"}`: the result, the metadata after
    /// the mapping, or an error with its line and column.
    public func execute(body: [UInt8]) async -> HTTPResponse {
        guard body.count <= limits.maxInputBytes * 3 else {
            return Self.json(["error": Self.error("input", "the request is larger than \(limits.maxInputBytes * 3) bytes")])
        }
        guard case .object(let req)? = try? JSONReader.parse(body) else {
            return Self.json(["error": .string("expected a JSON object")], status: 400)
        }
        guard case .string(let mappingText)? = req["mapping"] else {
            return Self.json(["error": .string("`mapping` (a string) is required")], status: 400)
        }
        var input = ""
        if case .string(let s)? = req["input"] { input = s }
        var metadata: [String: Value] = [:]
        switch req["metadata"] {
        case .object(let m)?: metadata = m
        case .string(let s)? where !s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty:
            guard case .object(let m)? = try? JSONReader.parse(s) else {
                return Self.json(["error": Self.error("metadata", "the metadata must be a JSON object")])
            }
            metadata = m
        default: break
        }
        if mappingText.utf8.count > limits.maxInputBytes || input.utf8.count > limits.maxInputBytes {
            return Self.json(["error": Self.error("input", "the mapping or input is larger than \(limits.maxInputBytes) bytes")])
        }
        let mapping: Mapping
        do {
            mapping = try environment.parse(mappingText)
        } catch {
            let loc = error.location
            return Self.json([
                "error": Self.error("parse", error.message, line: loc.line, column: loc.column, help: error.help)
            ])
        }
        return Self.json(await evaluate(mapping, input: input, metadata: metadata))
    }

    static func error(_ kind: String, _ message: String, line: Int? = nil, column: Int? = nil, help: [String] = []) -> Value {
        var e: [String: Value] = ["kind": .string(kind), "message": .string(message)]
        if let line { e["line"] = .int(Int64(line)) }
        if let column { e["column"] = .int(Int64(column)) }
        if !help.isEmpty { e["help"] = .array(help.map { .string($0) }) }
        return .object(e)
    }

    /// Runs the mapping on a worker thread and waits at most `limits.deadline`.
    func evaluate(_ mapping: Mapping, input: String, metadata: [String: Value]) async -> [String: Value] {
        if running.add(1, ordering: .relaxed).newValue > limits.maxRunning {
            running.subtract(1, ordering: .relaxed)
            return ["error": Self.error("busy", "too many evaluations are still running (a mapping may be looping); try again shortly")]
        }
        let limits = self.limits
        let once = Mutex(false)
        return await withCheckedContinuation { (continuation: CheckedContinuation<[String: Value], Never>) in
            let finish: @Sendable ([String: Value]) -> Void = { value in
                let first = once.withLock { done -> Bool in
                    if done { return false }
                    done = true
                    return true
                }
                if first { continuation.resume(returning: value) }
            }
            let work = Thread { [self] in
                let outcome = Self.run(mapping, input: input, metadata: metadata, maxOutput: limits.maxOutputBytes)
                self.running.subtract(1, ordering: .relaxed)
                finish(outcome)
            }
            work.stackSize = LargeStack.size
            work.start()
            let nanos = limits.deadline.components.seconds * 1_000_000_000 + limits.deadline.components.attoseconds / 1_000_000_000
            DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(Int(nanos))) {
                finish(["error": Self.error("timeout", "the mapping did not finish within \(limits.deadline); it may loop or recurse too deeply")])
            }
        }
    }

    /// One evaluation: the result text, metadata and whether the message was deleted.
    static func run(_ mapping: Mapping, input: String, metadata: [String: Value], maxOutput: Int) -> [String: Value] {
        let ctx = mapping.makeContext()
        mapping.prepare(ctx, content: Array(input.utf8), metadata: metadata)
        do {
            try mapping.execute(ctx)
        } catch {
            var line: Int?
            if let r = error.message.range(of: #"\(line (\d+)\)"#, options: .regularExpression) {
                line = Int(error.message[r].filter(\.isNumber))
            }
            return ["error": Self.error("runtime", error.message, line: line)]
        }
        var out: [String: Value] = ["metadata": .object(ctx.metadata), "deleted": .bool(false)]
        let text: String
        switch ctx.root {
        case .delete:
            out["deleted"] = .bool(true)
            out["result"] = .null
            return out
        case .nothing: text = input
        case .string(let s): text = s
        case .bytes(let b): text = String(decoding: b, as: UTF8.self)
        default: text = String(decoding: JSONWriter.pretty(ctx.root, indent: "  ", escapeHTML: false), as: UTF8.self)
        }
        if text.utf8.count > maxOutput {
            return ["error": Self.error("output", "the result is \(text.utf8.count) bytes, more than the \(maxOutput) shown")]
        }
        out["result"] = .string(text)
        return out
    }
}
