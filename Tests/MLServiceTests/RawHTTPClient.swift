import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One HTTP/1.1 exchange over a plain TCP socket, so the tests see exactly what the server
/// sends. The blocking socket calls run on their own thread, never on the concurrency pool.
enum RawHTTPClient {
    struct Reply: Sendable {
        var status: Int
        var headers: [String: String]
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    enum Failure: Error, CustomStringConvertible {
        case socket(String)
        case malformed(String)
        var description: String {
            switch self {
            case .socket(let m): "socket: \(m)"
            case .malformed(let m): "malformed reply: \(m)"
            }
        }
    }

    /// Sends one request to 127.0.0.1:`port`.
    /// - Returns: the reply, or nil when none came within `timeout` seconds.
    static func send(
        port: Int, method: String = "GET", path: String, body: [UInt8] = [],
        contentType: String = "application/json", timeout: Int = 20
    ) async throws -> Reply? {
        try await withCheckedThrowingContinuation { (c: CheckedContinuation<Reply?, any Error>) in
            let thread = Thread {
                do {
                    c.resume(
                        returning: try exchange(
                            port: port, method: method, path: path, body: body, contentType: contentType,
                            timeout: timeout))
                } catch {
                    c.resume(throwing: error)
                }
            }
            thread.start()
        }
    }

    private static func exchange(
        port: Int, method: String, path: String, body: [UInt8], contentType: String, timeout: Int
    ) throws -> Reply? {
        #if canImport(Glibc)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw Failure.socket("socket() failed: errno \(errno)") }
        defer { close(fd) }
        var tv = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard rc == 0 else { throw Failure.socket("connect to port \(port) failed: errno \(errno)") }

        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        if !body.isEmpty || method == "POST" {
            head += "Content-Type: \(contentType)\r\nContent-Length: \(body.count)\r\n"
        }
        head += "\r\n"
        // A server may answer (413) and close before reading everything: stop writing then,
        // and read the answer it gave. MSG_NOSIGNAL keeps SIGPIPE away from the test process.
        let request = Array(head.utf8) + body
        var sent = 0
        while sent < request.count {
            let n = request[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { break }
            sent += n
        }

        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 {
                received.append(contentsOf: buffer[0..<n])
                if let reply = try parse(received), reply.complete { return reply.reply }
                continue
            }
            if n == 0 { break }
            if errno == EAGAIN || errno == EWOULDBLOCK { return nil }
            if errno == EINTR { continue }
            if errno == ECONNRESET { break }
            throw Failure.socket("recv failed: errno \(errno)")
        }
        if received.isEmpty { return nil }
        guard let parsed = try parse(received) else { throw Failure.malformed("no header end") }
        return parsed.reply
    }

    /// Parses what arrived so far; `complete` once the Content-Length bytes are in.
    private static func parse(_ data: [UInt8]) throws -> (reply: Reply, complete: Bool)? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = (0..<max(0, data.count - 3)).first(where: { Array(data[$0..<$0 + 4]) == separator }) else {
            return nil
        }
        let headText = String(decoding: data[0..<end], as: UTF8.self)
        var lines = headText.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
            throw Failure.malformed("status line \(headText.prefix(80))")
        }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let body = Array(data[(end + 4)...])
        let length = headers["content-length"].flatMap { Int($0) }
        let complete = length.map { body.count >= $0 } ?? false
        return (Reply(status: status, headers: headers, body: Array(body.prefix(length ?? body.count))), complete)
    }
}
