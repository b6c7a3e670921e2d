/// Ascii85 as Go's `encoding/ascii85` writes it (no `<~ ~>` delimiters, `z` for a zero group).
enum ASCII85 {
    static func encode(_ input: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(input.count / 4 * 5 + 5)
        var i = 0
        while i < input.count {
            let n = min(4, input.count - i)
            var v: UInt32 = 0
            for j in 0..<4 { v = v << 8 | (j < n ? UInt32(input[i + j]) : 0) }
            if v == 0 && n == 4 {
                out.append(0x7a)  // 'z'
            } else {
                var group = [UInt8](repeating: 0, count: 5)
                for j in stride(from: 4, through: 0, by: -1) {
                    group[j] = 0x21 + UInt8(v % 85)
                    v /= 85
                }
                out.append(contentsOf: group.prefix(n + 1))
            }
            i += n
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes, skipping whitespace and control bytes; a final partial group of `k` digits
    /// gives `k - 1` bytes.
    static func decode(_ input: [UInt8]) throws(CodecError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(input.count / 5 * 4 + 4)
        var v: UInt32 = 0
        var digits = 0
        for (i, b) in input.enumerated() {
            if b <= 0x20 { continue }
            if b == 0x7a && digits == 0 {
                out.append(contentsOf: [0, 0, 0, 0])
                continue
            }
            guard b >= 0x21 && b <= 0x75 else {
                throw CodecError("illegal ascii85 data at input byte \(i)")
            }
            v = v &* 85 &+ UInt32(b - 0x21)
            digits += 1
            if digits == 5 {
                out.appendBigEndian(v)
                v = 0
                digits = 0
            }
        }
        if digits > 0 {
            if digits == 1 { throw CodecError("illegal ascii85 data at input byte \(input.count)") }
            for _ in digits..<5 { v = v &* 85 &+ 84 }
            for _ in 0..<(digits - 1) {
                out.append(UInt8(v >> 24))
                v <<= 8
            }
        }
        return out
    }
}

/// Z85 (ZeroMQ RFC 32) as `github.com/tilinna/z85` implements it: whole 4-byte groups only.
enum Z85 {
    private static let digits = Array(
        "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#".utf8)
    private static let lookup: [UInt8] = {
        var t = [UInt8](repeating: 0xff, count: 256)
        for (i, d) in digits.enumerated() { t[Int(d)] = UInt8(i) }
        return t
    }()
    static let misaligned = CodecError("z85: wrongly aligned input data")

    static func encode(_ input: [UInt8]) throws(CodecError) -> String {
        guard input.count % 4 == 0 else { throw misaligned }
        var out: [UInt8] = []
        out.reserveCapacity(input.count / 4 * 5)
        var i = 0
        while i < input.count {
            var v = UInt32(input[i]) << 24 | UInt32(input[i + 1]) << 16 | UInt32(input[i + 2]) << 8
                | UInt32(input[i + 3])
            var group = [UInt8](repeating: 0, count: 5)
            for j in stride(from: 4, through: 0, by: -1) {
                group[j] = digits[Int(v % 85)]
                v /= 85
            }
            out += group
            i += 4
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ input: [UInt8]) throws(CodecError) -> [UInt8] {
        guard input.count % 5 == 0 else { throw misaligned }
        var out: [UInt8] = []
        out.reserveCapacity(input.count / 5 * 4)
        var i = 0
        while i < input.count {
            var v: UInt32 = 0
            for j in 0..<5 {
                let d = lookup[Int(input[i + j])]
                guard d != 0xff else {
                    throw CodecError("z85: invalid input byte: \(CodecError.goUnicodeVerb(input[i + j]))")
                }
                v = v &* 85 &+ UInt32(d)
            }
            out.appendBigEndian(v)
            i += 5
        }
        return out
    }
}
