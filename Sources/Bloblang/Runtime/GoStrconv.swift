/// Go's `strconv.Quote` and the UTF-8 decoding it rests on, for error messages that quote
/// values the way Benthos does. (`strconv.Unquote` is in BloblangStdlib.)
public enum GoStrconv {
    /// Go's `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII
    /// space.
    public static func isPrint(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar.value >= 0x20 && scalar.value < 0x7F }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark,
            .decimalNumber, .letterNumber, .otherNumber,
            .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation,
            .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    /// `strconv.Quote`: a double-quoted Go string literal, escaping control characters,
    /// non-printable runes and invalid UTF-8 bytes.
    public static func quote(_ s: [UInt8]) -> String {
        var out = "\""
        var i = 0
        while i < s.count {
            let (decoded, width) = decodeRune(s, at: i)
            defer { i += width }
            guard let value = decoded, let scalar = Unicode.Scalar(value) else {
                out += "\\x" + hex(UInt32(s[i]), width: 2)
                continue
            }
            appendEscaped(scalar, quote: "\"", to: &out)
        }
        return out + "\""
    }

    /// `strconv.Quote` for text.
    public static func quote(_ s: String) -> String { quote(Array(s.utf8)) }

    /// Appends one rune as it appears inside a quoted literal.
    public static func appendEscaped(_ scalar: Unicode.Scalar, quote: Character, to out: inout String) {
        switch scalar {
        case "\u{07}": out += "\\a"
        case "\u{08}": out += "\\b"
        case "\u{0C}": out += "\\f"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\u{0B}": out += "\\v"
        case "\\": out += "\\\\"
        default:
            if Character(scalar) == quote {
                out += "\\"
                out.unicodeScalars.append(scalar)
            } else if isPrint(scalar) {
                out.unicodeScalars.append(scalar)
            } else if scalar.value < 0x20 || scalar.value == 0x7F {
                out += "\\x" + hex(scalar.value, width: 2)
            } else if scalar.value < 0x10000 {
                out += "\\u" + hex(scalar.value, width: 4)
            } else {
                out += "\\U" + hex(scalar.value, width: 8)
            }
        }
    }

    public static func hex(_ v: UInt32, width: Int) -> String {
        let digits = String(v, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Decodes the rune starting at `i`: its scalar value (nil when the bytes are not valid
    /// UTF-8) and the number of bytes it spans (1 for invalid input), as `utf8.DecodeRune`.
    public static func decodeRune(_ b: [UInt8], at i: Int) -> (scalar: UInt32?, width: Int) {
        let n = b.count
        guard i < n else { return (nil, 0) }
        let b0 = b[i]
        if b0 < 0x80 { return (UInt32(b0), 1) }
        func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> UInt32? {
            guard i + k < n, b[i + k] >= lo, b[i + k] <= hi else { return nil }
            return UInt32(b[i + k] & 0x3F)
        }
        switch b0 {
        case 0xC2...0xDF:
            guard let c1 = cont(1) else { return (nil, 1) }
            return ((UInt32(b0 & 0x1F) << 6) | c1, 2)
        case 0xE0...0xEF:
            let lo: UInt8 = b0 == 0xE0 ? 0xA0 : 0x80
            let hi: UInt8 = b0 == 0xED ? 0x9F : 0xBF
            guard let c1 = cont(1, lo, hi), let c2 = cont(2) else { return (nil, 1) }
            return ((UInt32(b0 & 0x0F) << 12) | (c1 << 6) | c2, 3)
        case 0xF0...0xF4:
            let lo: UInt8 = b0 == 0xF0 ? 0x90 : 0x80
            let hi: UInt8 = b0 == 0xF4 ? 0x8F : 0xBF
            guard let c1 = cont(1, lo, hi), let c2 = cont(2), let c3 = cont(3) else { return (nil, 1) }
            return ((UInt32(b0 & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3, 4)
        default:
            return (nil, 1)
        }
    }
}
