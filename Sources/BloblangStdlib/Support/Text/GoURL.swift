import Bloblang

/// URL escaping and parsing with the results of Go's `net/url`.
enum GoURL {
    /// The part of a URL a string is escaped for; each allows a different set of bytes.
    enum Mode {
        case path, pathSegment, host, zone, userPassword, queryComponent, fragment
    }

    /// The fields of a parsed URL that Benthos exposes.
    struct Parsed {
        var scheme = ""
        var opaque = ""
        var user: (name: String, password: String?)?
        var host = ""
        var path = ""
        var rawPath = ""
        var rawQuery = ""
        var fragment = ""
        var rawFragment = ""
    }

    /// An error from `net/url`, with Go's message.
    struct Failure: Error {
        var message: String
    }

    // MARK: - Escaping

    static func shouldEscape(_ c: UInt8, _ mode: Mode) -> Bool {
        if (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
        {
            return false
        }
        if mode == .host || mode == .zone {
            switch c {
            case UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("),
                UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"),
                UInt8(ascii: "="), UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "<"),
                UInt8(ascii: ">"), UInt8(ascii: "\""):
                return false
            default: break
            }
        }
        switch c {
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
            return false
        case UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: "/"),
            UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: "@"):
            switch mode {
            case .path: return c == UInt8(ascii: "?")
            case .pathSegment:
                return c == UInt8(ascii: "/") || c == UInt8(ascii: ";") || c == UInt8(ascii: ",")
                    || c == UInt8(ascii: "?")
            case .userPassword:
                return c == UInt8(ascii: "@") || c == UInt8(ascii: "/") || c == UInt8(ascii: "?")
                    || c == UInt8(ascii: ":")
            case .queryComponent: return true
            case .fragment: return false
            case .host, .zone: break
            }
        default:
            break
        }
        if mode == .fragment {
            switch c {
            case UInt8(ascii: "!"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"): return false
            default: break
            }
        }
        return true
    }

    private static let upperHex = Array("0123456789ABCDEF".utf8)

    /// Percent-encodes `s` for `mode`; in a query component a space becomes `+`.
    static func escape(_ s: [UInt8], _ mode: Mode) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        for c in s {
            if c == UInt8(ascii: " ") && mode == .queryComponent {
                out.append(UInt8(ascii: "+"))
            } else if shouldEscape(c, mode) {
                out.append(UInt8(ascii: "%"))
                out.append(upperHex[Int(c >> 4)])
                out.append(upperHex[Int(c & 15)])
            } else {
                out.append(c)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `url.QueryEscape`.
    static func queryEscape(_ s: String) -> String { escape(Array(s.utf8), .queryComponent) }
    /// `url.PathEscape`.
    static func pathEscape(_ s: String) -> String { escape(Array(s.utf8), .pathSegment) }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static func escapeError(_ s: ArraySlice<UInt8>) -> Failure {
        Failure(message: "invalid URL escape " + GoStrconv.quote(Array(s.prefix(3))))
    }

    /// Decodes percent escapes (and `+` in a query component), failing as Go does on a bad
    /// escape or on a byte a host may not contain.
    static func unescape(_ s: [UInt8], _ mode: Mode) throws(Failure) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        var i = 0
        while i < s.count {
            let c = s[i]
            switch c {
            case UInt8(ascii: "%"):
                guard i + 2 < s.count, let hi = hexValue(s[i + 1]), let lo = hexValue(s[i + 2]) else {
                    throw escapeError(s[i...])
                }
                if mode == .host && hi < 8 && !(s[i + 1] == UInt8(ascii: "2") && s[i + 2] == UInt8(ascii: "5")) {
                    throw escapeError(s[i...])
                }
                if mode == .zone {
                    let v = hi << 4 | lo
                    if !(s[i + 1] == UInt8(ascii: "2") && s[i + 2] == UInt8(ascii: "5")) && v != UInt8(ascii: " ")
                        && shouldEscape(v, .host)
                    {
                        throw escapeError(s[i...])
                    }
                }
                out.append(hi << 4 | lo)
                i += 3
            case UInt8(ascii: "+"):
                out.append(mode == .queryComponent ? UInt8(ascii: " ") : c)
                i += 1
            default:
                if (mode == .host || mode == .zone) && c < 0x80 && shouldEscape(c, mode) {
                    throw Failure(message: "invalid character " + GoStrconv.quote([c]) + " in host name")
                }
                out.append(c)
                i += 1
            }
        }
        return out
    }

    /// `url.QueryUnescape`.
    static func queryUnescape(_ s: String) throws(Failure) -> String {
        String(decoding: try unescape(Array(s.utf8), .queryComponent), as: UTF8.self)
    }

    /// `url.PathUnescape`.
    static func pathUnescape(_ s: String) throws(Failure) -> String {
        String(decoding: try unescape(Array(s.utf8), .pathSegment), as: UTF8.self)
    }

    // MARK: - Query strings

    /// `url.ParseQuery`: the values of every key, in order, and the first error met (the
    /// remaining pairs are still read, as Go does).
    static func parseQuery(_ s: String) -> (values: [String: [String]], order: [String], error: Failure?) {
        var values: [String: [String]] = [:]
        var order: [String] = []
        var firstError: Failure?
        for pair in s.split(separator: "&", omittingEmptySubsequences: false) {
            if pair.contains(";") {
                if firstError == nil { firstError = Failure(message: "invalid semicolon separator in query") }
                continue
            }
            if pair.isEmpty { continue }
            let key: Substring
            let value: Substring
            if let eq = pair.firstIndex(of: "=") {
                key = pair[..<eq]
                value = pair[pair.index(after: eq)...]
            } else {
                key = pair
                value = ""
            }
            do {
                let k = try queryUnescape(String(key))
                let v = try queryUnescape(String(value))
                if values[k] == nil { order.append(k) }
                values[k, default: []].append(v)
            } catch {
                if firstError == nil { firstError = error }
            }
        }
        return (values, order, firstError)
    }

    // MARK: - Parsing

    /// `url.Parse`.
    static func parse(_ raw: String) throws(Failure) -> Parsed {
        let bytes = Array(raw.utf8)
        let hash = bytes.firstIndex(of: UInt8(ascii: "#"))
        let main = hash.map { Array(bytes[..<$0]) } ?? bytes
        var url: Parsed
        do {
            url = try parseWithoutFragment(main)
        } catch {
            throw Failure(message: "parse " + GoStrconv.quote(main) + ": " + error.message)
        }
        if let hash {
            let frag = Array(bytes[(hash + 1)...])
            do {
                let decoded = try unescape(frag, .fragment)
                url.fragment = String(decoding: decoded, as: UTF8.self)
                url.rawFragment = escape(decoded, .fragment) == String(decoding: frag, as: UTF8.self)
                    ? "" : String(decoding: frag, as: UTF8.self)
            } catch {
                throw Failure(message: "parse " + GoStrconv.quote(bytes) + ": " + error.message)
            }
        }
        return url
    }

    private static func parseWithoutFragment(_ raw: [UInt8]) throws(Failure) -> Parsed {
        if raw.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
            throw Failure(message: "net/url: invalid control character in URL")
        }
        var url = Parsed()
        if raw == Array("*".utf8) {
            url.path = "*"
            return url
        }
        var rest = raw
        // Scheme: letters first, then letters, digits, `+`, `-` or `.`, ended by a colon.
        schemeLoop: for (i, c) in raw.enumerated() {
            switch c {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                if i == 0 { break schemeLoop }
            case UInt8(ascii: ":"):
                if i == 0 { throw Failure(message: "missing protocol scheme") }
                url.scheme = String(decoding: raw[..<i], as: UTF8.self).lowercased()
                rest = Array(raw[(i + 1)...])
                break schemeLoop
            default:
                break schemeLoop
            }
        }
        let questionMarks = rest.filter { $0 == UInt8(ascii: "?") }.count
        if rest.last == UInt8(ascii: "?") && questionMarks == 1 {
            rest.removeLast()
        } else if let q = rest.firstIndex(of: UInt8(ascii: "?")) {
            url.rawQuery = String(decoding: rest[(q + 1)...], as: UTF8.self)
            rest = Array(rest[..<q])
        }
        let slash = UInt8(ascii: "/")
        if rest.first != slash {
            if !url.scheme.isEmpty {
                url.opaque = String(decoding: rest, as: UTF8.self)
                return url
            }
            let segment = rest.firstIndex(of: slash).map { rest[..<$0] } ?? rest[...]
            if segment.contains(UInt8(ascii: ":")) {
                throw Failure(message: "first path segment in URL cannot contain colon")
            }
        }
        let startsWithTwoSlashes = rest.count >= 2 && rest[0] == slash && rest[1] == slash
        let startsWithThreeSlashes = startsWithTwoSlashes && rest.count >= 3 && rest[2] == slash
        if (!url.scheme.isEmpty || !startsWithThreeSlashes) && startsWithTwoSlashes {
            var authority = Array(rest[2...])
            rest = []
            if let i = authority.firstIndex(of: slash) {
                rest = Array(authority[i...])
                authority = Array(authority[..<i])
            }
            try parseAuthority(authority, into: &url)
        }
        let path = try unescape(rest, .path)
        url.path = String(decoding: path, as: UTF8.self)
        let raw = String(decoding: rest, as: UTF8.self)
        url.rawPath = escape(path, .path) == raw ? "" : raw
        return url
    }

    private static func parseAuthority(_ authority: [UInt8], into url: inout Parsed) throws(Failure) {
        let at = authority.lastIndex(of: UInt8(ascii: "@"))
        url.host = try parseHost(at.map { Array(authority[($0 + 1)...]) } ?? authority)
        guard let at else { return }
        let userinfo = Array(authority[..<at])
        guard validUserinfo(userinfo) else { throw Failure(message: "net/url: invalid userinfo") }
        if let colon = userinfo.firstIndex(of: UInt8(ascii: ":")) {
            let name = try unescape(Array(userinfo[..<colon]), .userPassword)
            let password = try unescape(Array(userinfo[(colon + 1)...]), .userPassword)
            url.user = (String(decoding: name, as: UTF8.self), String(decoding: password, as: UTF8.self))
        } else {
            url.user = (String(decoding: try unescape(userinfo, .userPassword), as: UTF8.self), nil)
        }
    }

    private static func validUserinfo(_ s: [UInt8]) -> Bool {
        for c in s {
            switch c {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                continue
            case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: ":"), UInt8(ascii: "~"),
                UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("),
                UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"),
                UInt8(ascii: "="), UInt8(ascii: "%"), UInt8(ascii: "@"):
                continue
            default:
                return false
            }
        }
        return true
    }

    private static func validOptionalPort(_ port: ArraySlice<UInt8>) -> Bool {
        if port.isEmpty { return true }
        guard port.first == UInt8(ascii: ":") else { return false }
        return port.dropFirst().allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    private static func parseHost(_ host: [UInt8]) throws(Failure) -> String {
        if host.first == UInt8(ascii: "[") {
            guard let close = host.lastIndex(of: UInt8(ascii: "]")) else {
                throw Failure(message: "missing ']' in host")
            }
            let colonPort = host[(close + 1)...]
            guard validOptionalPort(colonPort) else {
                throw Failure(message: "invalid port " + GoStrconv.quote(Array(colonPort)) + " after host")
            }
            let inside = Array(host[..<close])
            if let zone = GoBytes.index(of: Array("%25".utf8), in: inside).nonNegative {
                let h1 = try unescape(Array(host[..<zone]), .host)
                let h2 = try unescape(Array(host[zone..<close]), .zone)
                let h3 = try unescape(Array(host[close...]), .host)
                return String(decoding: h1 + h2 + h3, as: UTF8.self)
            }
        } else if let colon = host.lastIndex(of: UInt8(ascii: ":")) {
            let colonPort = host[colon...]
            guard validOptionalPort(colonPort) else {
                throw Failure(message: "invalid port " + GoStrconv.quote(Array(colonPort)) + " after host")
            }
        }
        return String(decoding: try unescape(host, .host), as: UTF8.self)
    }
}

extension Int {
    /// The value when it is not negative (turns Go's `-1 means absent` into an optional).
    fileprivate var nonNegative: Int? { self >= 0 ? self : nil }
}
