/// Hexadecimal encoding with the behaviour of Go's `encoding/hex` streaming decoder.
enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func encode(_ input: [UInt8]) -> String {
        var out = [UInt8](repeating: 0, count: input.count * 2)
        for (i, b) in input.enumerated() {
            out[2 * i] = digits[Int(b >> 4)]
            out[2 * i + 1] = digits[Int(b & 15)]
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func value(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: c - 0x30
        case 0x61...0x66: c - 0x61 + 10
        case 0x41...0x46: c - 0x41 + 10
        default: nil
        }
    }

    private static func invalid(_ c: UInt8) -> CodecError {
        CodecError("encoding/hex: invalid byte: \(CodecError.goUnicodeVerb(c))")
    }

    /// Decodes pairs of digits; the first bad byte in the even-length prefix wins, then an odd
    /// trailing byte is reported as invalid or as `unexpected EOF`.
    static func decode(_ input: [UInt8]) throws(CodecError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(input.count / 2)
        var i = 0
        while i + 1 < input.count {
            guard let hi = value(input[i]) else { throw invalid(input[i]) }
            guard let lo = value(input[i + 1]) else { throw invalid(input[i + 1]) }
            out.append(hi << 4 | lo)
            i += 2
        }
        if i < input.count {
            if value(input[i]) == nil { throw invalid(input[i]) }
            throw .unexpectedEOF
        }
        return out
    }
}
