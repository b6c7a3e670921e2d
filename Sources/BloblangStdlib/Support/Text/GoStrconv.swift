import Bloblang

/// `strconv.Unquote` (the quoting half of `GoStrconv` is in the Bloblang core).
extension GoStrconv {
    /// The error `strconv.Unquote` returns for any malformed literal.
    static let syntaxError = "invalid syntax"

    /// `strconv.Unquote`: interprets a double-quoted, single-quoted (one rune) or
    /// back-quoted Go literal. Returns nil when the literal is malformed.
    static func unquote(_ s: [UInt8]) -> [UInt8]? {
        let n = s.count
        guard n >= 2 else { return nil }
        let q = s[0]
        guard q == s[n - 1] else { return nil }
        let body = Array(s[1..<(n - 1)])
        switch q {
        case UInt8(ascii: "`"):
            if body.contains(UInt8(ascii: "`")) { return nil }
            return body.filter { $0 != UInt8(ascii: "\r") }
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            break
        default:
            return nil
        }
        if body.contains(UInt8(ascii: "\n")) { return nil }
        if q == UInt8(ascii: "\"") && !body.contains(UInt8(ascii: "\\")) && !body.contains(q) {
            // Fast path: nothing to interpret (Go also requires valid UTF-8 here).
            guard String(validating: body, as: UTF8.self) != nil else { return nil }
            return body
        }
        var out: [UInt8] = []
        var i = 0
        var runes = 0
        while i < body.count {
            if q == UInt8(ascii: "'") && runes >= 1 { return nil }
            let c = body[i]
            if c == q { return nil }
            if c != UInt8(ascii: "\\") {
                let (decoded, width) = GoStrconv.decodeRune(body, at: i)
                if decoded == nil {
                    out.append(contentsOf: [0xEF, 0xBF, 0xBD])  // Go writes U+FFFD for a bad byte here
                } else {
                    out.append(contentsOf: body[i..<(i + width)])
                }
                i += width
                runes += 1
                continue
            }
            guard i + 1 < body.count else { return nil }
            let e = body[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "a"): out.append(0x07)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "v"): out.append(0x0B)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                guard e == q else { return nil }
                out.append(e)
            case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
                let count = e == UInt8(ascii: "x") ? 2 : (e == UInt8(ascii: "u") ? 4 : 8)
                guard i + count <= body.count else { return nil }
                var v: UInt32 = 0
                for k in 0..<count {
                    guard let d = hexValue(body[i + k]) else { return nil }
                    v = v << 4 | d
                }
                i += count
                if e == UInt8(ascii: "x") {
                    out.append(UInt8(v))
                } else {
                    guard let scalar = Unicode.Scalar(v) else { return nil }
                    out.append(contentsOf: String(Character(scalar)).utf8)
                }
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                guard i + 2 <= body.count else { return nil }
                var v = UInt32(e - UInt8(ascii: "0"))
                for k in 0..<2 {
                    let d = body[i + k]
                    guard d >= UInt8(ascii: "0") && d <= UInt8(ascii: "7") else { return nil }
                    v = v << 3 | UInt32(d - UInt8(ascii: "0"))
                }
                i += 2
                guard v <= 255 else { return nil }
                out.append(UInt8(v))
            default:
                return nil
            }
            runes += 1
        }
        if q == UInt8(ascii: "'") && runes != 1 { return nil }
        return out
    }

    private static func hexValue(_ c: UInt8) -> UInt32? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(c - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(c - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(c - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
