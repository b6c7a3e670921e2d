/// A path pattern of the `http_server` input: literal segments, `{name}` parameters (added to
/// the message metadata), and a trailing `/` that matches every path below it, as in Benthos.
struct HTTPRoute: Sendable, Equatable {
    enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    let pattern: String
    let segments: [Segment]
    /// True when the pattern ends with `/` (and is not just `/`): every longer path matches.
    let matchesSubpaths: Bool

    init(_ pattern: String) {
        self.pattern = pattern
        let parts = pattern.split(separator: "/", omittingEmptySubsequences: true)
        segments = parts.map { part in
            if part.hasPrefix("{"), part.hasSuffix("}"), part.count > 2 {
                return .parameter(String(part.dropFirst().dropLast()))
            }
            if part.hasPrefix(":"), part.count > 1 { return .parameter(String(part.dropFirst())) }
            return .literal(String(part))
        }
        matchesSubpaths = pattern.hasSuffix("/") && pattern != "/"
    }

    /// The path parameters when `path` matches, nil otherwise.
    func match(_ path: String) -> [String: String]? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        if parts.count < segments.count || (parts.count > segments.count && !matchesSubpaths) { return nil }
        var params: [String: String] = [:]
        for (segment, part) in zip(segments, parts) {
            switch segment {
            case .literal(let l): if l != part { return nil }
            case .parameter(let name): params[name] = String(part).removingPercentEncodingSafely
            }
        }
        return params
    }
}

extension String {
    /// Percent-decoding that keeps the original text when it is not valid percent-encoding.
    var removingPercentEncodingSafely: String {
        guard contains("%") else { return self }
        var bytes: [UInt8] = []
        var it = utf8.makeIterator()
        while let b = it.next() {
            if b == UInt8(ascii: "%"), let h = it.next(), let l = it.next(), let v = UInt8(String(decoding: [h, l], as: UTF8.self), radix: 16) {
                bytes.append(v)
            } else if b == UInt8(ascii: "%") {
                return self
            } else {
                bytes.append(b)
            }
        }
        return String(validating: bytes, as: UTF8.self) ?? self
    }

    /// The canonical form Go gives a MIME header name: `content-type` → `Content-Type`.
    var canonicalHeaderName: String {
        var out = ""
        var upper = true
        for c in self {
            out.append(upper ? Character(c.uppercased()) : Character(c.lowercased()))
            upper = c == "-"
        }
        return out
    }
}
