import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A request received by `HTTPServer`.
public struct HTTPRequest: Sendable {
    public var method: String
    /// The path without the query string.
    public var path: String
    /// The raw query string (after `?`), empty when absent.
    public var query: String
    /// Header names in lower case.
    public var headers: [String: String]
    public var body: [UInt8]
}

/// A response for `HTTPServer` to send.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: [UInt8]

    public init(status: Int = 200, headers: [String: String] = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public init(status: Int = 200, contentType: String = "text/plain; charset=utf-8", text: String) {
        self.init(status: status, headers: ["Content-Type": contentType], body: Array(text.utf8))
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 201: "Created"
        case 204: "No Content"
        case 400: "Bad Request"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 413: "Payload Too Large"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Status \(status)"
        }
    }
}

/// An error starting the HTTP server.
public struct HTTPServerError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// A small HTTP/1.1 server on POSIX sockets: one thread accepts, one short-lived thread
/// serves each connection (one request per connection, `Connection: close`). It is meant for
/// `/metrics`, `/ping` and `/ready`, not for heavy traffic.
public final class HTTPServer: Sendable {
    public typealias Handler = @Sendable (HTTPRequest) async -> HTTPResponse

    private struct State {
        var handlers: [String: Handler] = [:]
        var listenFD: Int32 = -1
        var port: Int = 0
        var running = false
    }

    private let state = Mutex(State())
    private let stopFlag = Atomic<Bool>(false)
    private let stopped = AsyncEvent()
    /// The largest request body accepted.
    public let maxBodySize: Int

    public init(maxBodySize: Int = 10 << 20) {
        self.maxBodySize = maxBodySize
    }

    /// Routes requests for `path` (exact match, query string ignored) to `handler`.
    public func register(_ path: String, _ handler: @escaping Handler) {
        state.withLock { $0.handlers[path] = handler }
    }

    /// The port the server listens on (useful after binding port 0), or 0 before `start`.
    public var port: Int { state.withLock { $0.port } }

    /// Binds `address` (`host:port`, `:port`, `[::1]:port`; port 0 picks a free one) and starts
    /// serving on a background thread.
    /// - Returns: the bound port.
    /// - Throws: `HTTPServerError` when the address is invalid or cannot be bound.
    @discardableResult
    public func start(address: String) throws(HTTPServerError) -> Int {
        let (host, portText) = try Self.split(address)
        let fd = try Self.openListener(host: host, port: portText)
        let port = Self.boundPort(fd)
        state.withLock {
            $0.listenFD = fd
            $0.port = port
            $0.running = true
        }
        let thread = Thread { [self] in acceptLoop(fd) }
        thread.name = "sluice-http"
        thread.start()
        return port
    }

    /// Stops accepting connections and closes the listening socket.
    public func stop() async {
        let wasRunning = state.withLock { s -> Bool in
            let r = s.running
            s.running = false
            return r
        }
        guard wasRunning else { return }
        stopFlag.store(true, ordering: .releasing)
        await stopped.wait()
    }

    // MARK: - Serving

    private func acceptLoop(_ fd: Int32) {
        defer {
            close(fd)
            stopped.set()
        }
        while !stopFlag.load(ordering: .acquiring) {
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pfd, 1, 100)
            if ready <= 0 { continue }
            let client = accept(fd, nil, nil)
            if client < 0 { continue }
            let thread = Thread { [self] in serve(client) }
            thread.start()
        }
    }

    private func serve(_ fd: Int32) {
        defer { close(fd) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        _ = setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let response: HTTPResponse
        switch readRequest(fd) {
        case .failure(let r): response = r
        case .success(let request):
            let handler = state.withLock { $0.handlers[request.path] }
            if let handler {
                response = Self.runBlocking { await handler(request) }
            } else {
                response = HTTPResponse(status: 404, text: "404 page not found\n")
            }
        }
        write(response, to: fd)
    }

    private enum ReadResult {
        case success(HTTPRequest)
        case failure(HTTPResponse)
    }

    /// `recv` that retries when a signal interrupts it.
    static func receive(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        while true {
            let n = recv(fd, buffer, count, 0)
            if n < 0, errno == EINTR { continue }
            return n
        }
    }

    private func readRequest(_ fd: Int32) -> ReadResult {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 8192)
        var headerEnd: Int?
        while headerEnd == nil {
            let n = chunk.withUnsafeMutableBytes { HTTPServer.receive(fd, $0.baseAddress, $0.count) }
            if n <= 0 { return .failure(HTTPResponse(status: 400, text: "bad request\n")) }
            buffer.append(contentsOf: chunk[0..<n])
            headerEnd = Self.find([13, 10, 13, 10], in: buffer)
            if headerEnd == nil && buffer.count > 64 << 10 {
                return .failure(HTTPResponse(status: 400, text: "request header too large\n"))
            }
        }
        guard let end = headerEnd else { return .failure(HTTPResponse(status: 400, text: "bad request\n")) }
        let head = String(decoding: buffer[0..<end], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ", omittingEmptySubsequences: true)
        guard requestLine.count >= 2 else { return .failure(HTTPResponse(status: 400, text: "bad request\n")) }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Array(buffer[(end + 4)...])
        let length = headers["content-length"].flatMap { Int($0) } ?? 0
        if length > maxBodySize { return .failure(HTTPResponse(status: 413, text: "request body too large\n")) }
        while body.count < length {
            let n = chunk.withUnsafeMutableBytes { HTTPServer.receive(fd, $0.baseAddress, $0.count) }
            if n <= 0 { return .failure(HTTPResponse(status: 400, text: "incomplete request body\n")) }
            body.append(contentsOf: chunk[0..<n])
        }
        if body.count > length { body.removeLast(body.count - length) }
        let target = String(requestLine[1])
        let path: String
        let query: String
        if let q = target.firstIndex(of: "?") {
            path = String(target[..<q])
            query = String(target[target.index(after: q)...])
        } else {
            path = target
            query = ""
        }
        return .success(HTTPRequest(method: String(requestLine[0]), path: path, query: query, headers: headers, body: body))
    }

    private func write(_ response: HTTPResponse, to fd: Int32) {
        var head = "HTTP/1.1 \(response.status) \(HTTPResponse.reason(response.status))\r\n"
        var headers = response.headers
        headers["Content-Length"] = "\(response.body.count)"
        headers["Connection"] = "close"
        if headers["Content-Type"] == nil { headers["Content-Type"] = "text/plain; charset=utf-8" }
        headers["Date"] = Self.httpDate()
        for k in headers.keys.sorted() { head += "\(k): \(headers[k] ?? "")\r\n" }
        head += "\r\n"
        var bytes = Array(head.utf8)
        bytes.append(contentsOf: response.body)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return }
            sent += n
        }
    }

    // MARK: - Helpers

    /// Runs an async handler from a plain thread, waiting for its result.
    private static func runBlocking(_ body: @escaping @Sendable () async -> HTTPResponse) -> HTTPResponse {
        let box = Mutex<HTTPResponse?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            let r = await body()
            box.withLock { $0 = r }
            done.signal()
        }
        done.wait()
        return box.withLock { $0 } ?? HTTPResponse(status: 500, text: "handler failed\n")
    }

    private static func find(_ needle: [UInt8], in hay: [UInt8]) -> Int? {
        guard hay.count >= needle.count else { return nil }
        for i in 0...(hay.count - needle.count) where hay[i] == needle[0] {
            if Array(hay[i..<(i + needle.count)]) == needle { return i }
        }
        return nil
    }

    private static func httpDate() -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return f.string(from: Date())
    }

    static func split(_ address: String) throws(HTTPServerError) -> (host: String, port: String) {
        var host: Substring
        var port: Substring
        if address.hasPrefix("[") {
            guard let close = address.firstIndex(of: "]") else {
                throw HTTPServerError(message: "invalid address \(address)")
            }
            host = address[address.index(after: address.startIndex)..<close]
            let rest = address[address.index(after: close)...]
            guard rest.hasPrefix(":") else { throw HTTPServerError(message: "missing port in address \(address)") }
            port = rest.dropFirst()
        } else {
            guard let colon = address.lastIndex(of: ":") else {
                throw HTTPServerError(message: "missing port in address \(address)")
            }
            host = address[..<colon]
            port = address[address.index(after: colon)...]
        }
        if host.isEmpty { host = "0.0.0.0" }
        if host == "localhost" { host = "127.0.0.1" }
        guard let p = Int(port), (0...65535).contains(p) else {
            throw HTTPServerError(message: "invalid port in address \(address)")
        }
        return (String(host), String(p))
    }

    private static func openListener(host: String, port: String) throws(HTTPServerError) -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Darwin)
            hints.ai_socktype = SOCK_STREAM
        #else
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #endif
        hints.ai_flags = AI_PASSIVE | AI_NUMERICHOST | AI_NUMERICSERV
        var info: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, port, &hints, &info)
        guard rc == 0, let first = info else {
            throw HTTPServerError(message: "invalid listen address \(host):\(port)")
        }
        defer { freeaddrinfo(info) }
        let fd = socket(first.pointee.ai_family, first.pointee.ai_socktype, first.pointee.ai_protocol)
        guard fd >= 0 else { throw HTTPServerError(message: "socket: \(String(cString: strerror(errno)))") }
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        guard bind(fd, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 else {
            let message = String(cString: strerror(errno))
            close(fd)
            throw HTTPServerError(message: "listen tcp \(host):\(port): bind: \(message)")
        }
        guard listen(fd, 64) == 0 else {
            let message = String(cString: strerror(errno))
            close(fd)
            throw HTTPServerError(message: "listen tcp \(host):\(port): \(message)")
        }
        return fd
    }

    private static func boundPort(_ fd: Int32) -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let ok = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard ok == 0 else { return 0 }
        if Int32(storage.ss_family) == AF_INET {
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
            }
        }
        return withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin6_port)) }
        }
    }
}
