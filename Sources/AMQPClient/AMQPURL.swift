import Foundation

/// The parts of an `amqp://user:password@host:port/vhost` URL.
public struct AMQPURL: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String
    public var vhost: String

    public init(host: String, port: Int = 5672, user: String = "guest", password: String = "guest", vhost: String = "/") {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.vhost = vhost
    }

    /// Parses a URL. The vhost is the percent-decoded path without its leading slash (`%2f` is
    /// `/`); an empty or missing path means `/`, as RabbitMQ clients do.
    public init(parsing text: String) throws(AMQPError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        var rest: Substring
        if trimmed.lowercased().hasPrefix("amqp://") {
            rest = trimmed.dropFirst("amqp://".count)
        } else if trimmed.lowercased().hasPrefix("amqps://") {
            throw AMQPError(.invalidURL, "invalid AMQP URL \(Self.redacted(trimmed)): amqps (TLS) is not supported")
        } else {
            throw AMQPError(.invalidURL, "invalid AMQP URL \(Self.redacted(trimmed)): expected the scheme amqp://")
        }
        var path: Substring = ""
        if let slash = rest.firstIndex(of: "/") {
            path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        if let q = path.firstIndex(of: "?") { path = path[..<q] }
        var user = "guest"
        var password = "guest"
        if let at = rest.lastIndex(of: "@") {
            let credentials = rest[..<at]
            rest = rest[rest.index(after: at)...]
            if let colon = credentials.firstIndex(of: ":") {
                user = try Self.decode(credentials[..<colon], text: trimmed)
                password = try Self.decode(credentials[credentials.index(after: colon)...], text: trimmed)
            } else {
                user = try Self.decode(credentials, text: trimmed)
                password = ""
            }
        }
        var host = String(rest)
        var port = 5672
        if host.hasPrefix("[") {
            // An IPv6 literal: [::1]:5672.
            guard let close = host.firstIndex(of: "]") else {
                throw AMQPError(.invalidURL, "invalid AMQP URL \(Self.redacted(trimmed)): unclosed [ in the host")
            }
            let after = host[host.index(after: close)...]
            let literal = String(host[host.index(after: host.startIndex)..<close])
            if after.hasPrefix(":") {
                guard let p = Int(after.dropFirst()), (1...65535).contains(p) else {
                    throw AMQPError(.invalidURL, "invalid AMQP URL \(Self.redacted(trimmed)): bad port \(after.dropFirst())")
                }
                port = p
            }
            host = literal
        } else if let colon = host.lastIndex(of: ":") {
            let p = host[host.index(after: colon)...]
            guard let n = Int(p), (1...65535).contains(n) else {
                throw AMQPError(.invalidURL, "invalid AMQP URL \(Self.redacted(trimmed)): bad port '\(p)'")
            }
            port = n
            host = String(host[..<colon])
        }
        if host.isEmpty { host = "localhost" }
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.vhost = path.isEmpty ? "/" : try Self.decode(path, text: trimmed)
    }

    /// The URL with the password hidden, for logs and errors.
    public var description: String {
        "amqp://\(user)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(vhost == "/" ? "%2f" : vhost)"
    }

    /// Hides the password of a URL that failed to parse.
    static func redacted(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://"), let at = text.lastIndex(of: "@"), at > schemeEnd.upperBound else {
            return "'\(text)'"
        }
        let credentials = text[schemeEnd.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return "'\(text)'" }
        return "'\(text[..<colon]):***\(text[at...])'"
    }

    private static func decode(_ part: Substring, text: String) throws(AMQPError) -> String {
        var bytes: [UInt8] = []
        var it = Array(part.utf8)[...]
        while let b = it.popFirst() {
            if b == UInt8(ascii: "%") {
                guard it.count >= 2, let hi = hex(it[it.startIndex]), let lo = hex(it[it.startIndex + 1]) else {
                    throw AMQPError(.invalidURL, "invalid AMQP URL \(redacted(text)): bad percent escape in '\(part)'")
                }
                bytes.append(hi << 4 | lo)
                it = it.dropFirst(2)
            } else {
                bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
