/// RFC 9562 UUIDs: text form, parsing, and the versions the stdlib generates.
struct UUIDValue: Sendable, Equatable {
    var bytes: [UInt8]

    static let nilUUID = UUIDValue(bytes: [UInt8](repeating: 0, count: 16))
    static let namespaceDNS = UUIDValue(parsing: "6ba7b810-9dad-11d1-80b4-00c04fd430c8")!
    static let namespaceURL = UUIDValue(parsing: "6ba7b811-9dad-11d1-80b4-00c04fd430c8")!
    static let namespaceOID = UUIDValue(parsing: "6ba7b812-9dad-11d1-80b4-00c04fd430c8")!
    static let namespaceX500 = UUIDValue(parsing: "6ba7b814-9dad-11d1-80b4-00c04fd430c8")!

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// Parses the canonical form, optionally in braces or after `urn:uuid:`, with or without
    /// the dashes (the forms `github.com/gofrs/uuid` accepts).
    init?(parsing text: String) {
        var s = Substring(text)
        if s.count >= 9, s.prefix(9).lowercased() == "urn:uuid:" { s = s.dropFirst(9) }
        else if s.first == "{" && s.last == "}" { s = s.dropFirst().dropLast() }
        let chars = Array(s.utf8)
        var hex: [UInt8]
        if chars.count == 36 {
            for i in [8, 13, 18, 23] where chars[i] != UInt8(ascii: "-") { return nil }
            hex = chars.enumerated().filter { ![8, 13, 18, 23].contains($0.offset) }.map(\.element)
        } else if chars.count == 32 {
            hex = chars
        } else {
            return nil
        }
        var out: [UInt8] = []
        out.reserveCapacity(16)
        var i = 0
        while i < 32 {
            guard let hi = UUIDValue.hexValue(hex[i]), let lo = UUIDValue.hexValue(hex[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        bytes = out
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: c - 0x30
        case 0x61...0x66: c - 0x61 + 10
        case 0x41...0x46: c - 0x41 + 10
        default: nil
        }
    }

    /// The canonical lower-case form.
    var string: String {
        let h = Hex.encode(bytes)
        let c = Array(h)
        return String(c[0..<8]) + "-" + String(c[8..<12]) + "-" + String(c[12..<16]) + "-" + String(c[16..<20]) + "-"
            + String(c[20..<32])
    }

    private mutating func stamp(version: UInt8) {
        bytes[6] = (bytes[6] & 0x0f) | (version << 4)
        bytes[8] = (bytes[8] & 0x3f) | 0x80
    }

    /// Version 4: random.
    static func v4() -> UUIDValue {
        var u = UUIDValue(bytes: SecureRandom.bytes(16))
        u.stamp(version: 4)
        return u
    }

    /// Version 5: SHA-1 of the namespace and the name.
    static func v5(namespace: UUIDValue, name: [UInt8]) -> UUIDValue {
        var u = UUIDValue(bytes: Array(SHA1.hash(namespace.bytes + name).prefix(16)))
        u.stamp(version: 5)
        return u
    }

    /// Version 7: a 48-bit Unix millisecond timestamp followed by random bits.
    static func v7(unixMilliseconds ms: Int64) -> UUIDValue {
        var b = SecureRandom.bytes(16)
        let t = UInt64(bitPattern: ms)
        for i in 0..<6 { b[i] = UInt8(truncatingIfNeeded: t >> UInt64(40 - 8 * i)) }
        var u = UUIDValue(bytes: b)
        u.stamp(version: 7)
        return u
    }
}

/// Cryptographically secure random bytes from the system generator.
enum SecureRandom {
    static func bytes(_ count: Int) -> [UInt8] {
        var g = SystemRandomNumberGenerator()
        var out = [UInt8](repeating: 0, count: count)
        var i = 0
        while i < count {
            var word = g.next()
            for _ in 0..<min(8, count - i) {
                out[i] = UInt8(truncatingIfNeeded: word)
                word >>= 8
                i += 1
            }
        }
        return out
    }
}
