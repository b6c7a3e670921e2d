/// HTML escaping with the results of Go's `html.EscapeString` and `html.UnescapeString`.
enum HTMLEscaping {
    /// Escapes `&`, `'`, `<`, `>` and `"` (the last two as numeric references, as Go does).
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "'": out += "&#39;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&#34;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Replaces named and numeric character references by the text they stand for,
    /// following the HTML5 rules for references in text (outside attributes).
    static func unescape(_ s: String) -> String {
        let b = Array(s.utf8)
        guard b.contains(UInt8(ascii: "&")) else { return s }
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "&") {
                i = unescapeReference(b, at: i, into: &out)
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Windows-1252 stand-ins for numeric references in 0x80...0x9F.
    private static let windows1252: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D,
        0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0x009D, 0x017E, 0x0178,
    ]

    private static func isAlnum(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
    }

    private static func append(_ v: UInt32, to out: inout [UInt8]) {
        let scalar = Unicode.Scalar(v) ?? "\u{FFFD}"
        out.append(contentsOf: String(Character(scalar)).utf8)
    }

    /// Reads one reference starting at the `&` at `start`, appends its replacement (or the
    /// text unchanged when it is not a reference) and returns the index after it.
    private static func unescapeReference(_ b: [UInt8], at start: Int, into out: inout [UInt8]) -> Int {
        let n = b.count
        var i = start + 1
        guard i < n else {
            out.append(b[start])
            return start + 1
        }
        if b[i] == UInt8(ascii: "#") {
            // Numeric reference: `&#123;` or `&#x7B;`, the semicolon being optional.
            guard n - start > 3 else {
                out.append(b[start])
                return start + 1
            }
            i += 1
            var hex = false
            if b[i] == UInt8(ascii: "x") || b[i] == UInt8(ascii: "X") {
                hex = true
                i += 1
            }
            var value: UInt32 = 0
            while i < n {
                let c = b[i]
                let digit: UInt32?
                switch c {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(c - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: digit = UInt32(c - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: digit = UInt32(c - UInt8(ascii: "A") + 10)
                default: digit = nil
                }
                guard let d = digit else { break }
                // Saturate instead of overflowing; anything this large is invalid anyway.
                value = value > 0x10FFFF ? value : value &* (hex ? 16 : 10) &+ d
                i += 1
            }
            if i < n && b[i] == UInt8(ascii: ";") { i += 1 }
            // Like Go, `&#;` (or `&#x;`) with enough text after it still counts as a reference.
            let consumed = i - start
            guard hex ? consumed >= 4 : consumed >= 3 else {
                out.append(b[start])
                return start + 1
            }
            if value >= 0x80 && value <= 0x9F {
                value = windows1252[Int(value - 0x80)]
            } else if value == 0 || (value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF {
                value = 0xFFFD
            }
            append(value, to: &out)
            return i
        }
        // Named reference: the longest run of letters and digits, with its semicolon.
        while i < n && isAlnum(b[i]) { i += 1 }
        if i < n && b[i] == UInt8(ascii: ";") { i += 1 }
        let name = String(decoding: b[(start + 1)..<i], as: UTF8.self)
        if !name.isEmpty {
            if let text = HTMLEntities.table[name] {
                out.append(contentsOf: text.utf8)
                return i
            }
            // A legacy reference may stand without its semicolon at the start of a longer word.
            let nameBytes = Array(b[(start + 1)..<i])
            var j = min(nameBytes.count - 1, HTMLEntities.longestWithoutSemicolon)
            while j > 1 {
                let prefix = String(decoding: nameBytes[0..<j], as: UTF8.self)
                if let text = HTMLEntities.table[prefix], text.unicodeScalars.count == 1 {
                    out.append(contentsOf: text.utf8)
                    return start + 1 + j
                }
                j -= 1
            }
        }
        out.append(contentsOf: b[start..<i])
        return i
    }
}
