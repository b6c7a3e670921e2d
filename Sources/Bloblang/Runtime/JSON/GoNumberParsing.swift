/// Why Go's `strconv` refused a number, worded as Go words it.
public enum ParseIntError: String, Error, Sendable, Equatable {
    case invalidSyntax = "invalid syntax"
    case outOfRange = "value out of range"
}

/// The number syntax Go's `strconv` accepts, so that strings convert to numbers exactly where
/// Benthos converts them.
public enum GoNumberParsing {
    /// `strconv.ParseFloat(s, 64)` without its error: nil when Go reports any error (bad
    /// syntax, or a magnitude beyond the largest double).
    public static func parseFloat(_ s: String) -> Double? {
        try? parseFloatResult(s).get()
    }

    /// `strconv.ParseFloat(s, 64)`: decimal and hexadecimal (`0x1.8p3`) forms, underscores
    /// between digits, and `inf`/`infinity`/`nan` in any case. Out of range magnitudes fail
    /// with `.outOfRange` (Go also returns ±Inf then).
    public static func parseFloatResult(_ s: String) -> Result<Double, ParseIntError> {
        var text = s
        return text.withUTF8 { parseFloat(bytes: $0) }
    }

    /// `strconv.ParseFloat` over UTF-8 bytes.
    public static func parseFloat(bytes s: UnsafeBufferPointer<UInt8>) -> Result<Double, ParseIntError> {
        if let special = special(s) { return .success(special) }
        guard validateFloat(s) else { return .failure(.invalidSyntax) }
        // Drop the underscores Go allows and let the correctly rounded C-library parser read
        // the rest (it reads hexadecimal floats as well).
        var cleaned: [UInt8] = []
        cleaned.reserveCapacity(s.count)
        for c in s where c != UInt8(ascii: "_") { cleaned.append(c) }
        guard let value = Double(String(decoding: cleaned, as: UTF8.self)) else {
            return .failure(.invalidSyntax)
        }
        if value.isInfinite { return .failure(.outOfRange) }
        return .success(value)
    }

    /// `strconv.ParseInt(s, 0, 64)`: optional sign, base prefixes `0x`, `0o`, `0b`, a leading
    /// `0` for octal, and underscores between digits.
    public static func parseInt(_ s: String) -> Result<Int64, ParseIntError> {
        var text = s
        return text.withUTF8 { buf -> Result<Int64, ParseIntError> in
            if buf.isEmpty { return .failure(.invalidSyntax) }
            var start = 0
            var negative = false
            if buf[0] == UInt8(ascii: "+") || buf[0] == UInt8(ascii: "-") {
                negative = buf[0] == UInt8(ascii: "-")
                start = 1
            }
            let magnitude: UInt64
            switch parseUnsigned(UnsafeBufferPointer(rebasing: buf[start...]), whole: buf) {
            case .success(let m): magnitude = m
            case .failure(let e): return .failure(e)
            }
            if negative {
                if magnitude > UInt64(Int64.max) + 1 { return .failure(.outOfRange) }
                return .success(magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude))
            }
            if magnitude > UInt64(Int64.max) { return .failure(.outOfRange) }
            return .success(Int64(magnitude))
        }
    }

    /// `strconv.ParseUint(s, 0, 64)`: as `parseInt` without a sign.
    public static func parseUInt(_ s: String) -> Result<UInt64, ParseIntError> {
        var text = s
        return text.withUTF8 { buf in parseUnsigned(buf, whole: buf) }
    }

    // MARK: - Internals

    /// Go's `ParseUint` with base 0; `whole` is the text including any sign, for the
    /// underscore check.
    private static func parseUnsigned(
        _ s: UnsafeBufferPointer<UInt8>, whole: UnsafeBufferPointer<UInt8>
    ) -> Result<UInt64, ParseIntError> {
        if s.isEmpty { return .failure(.invalidSyntax) }
        var i = 0
        var base: UInt64 = 10
        if s[0] == UInt8(ascii: "0") {
            let next = s.count >= 3 ? s[1] | 0x20 : 0
            switch next {
            case UInt8(ascii: "b"): base = 2; i = 2
            case UInt8(ascii: "o"): base = 8; i = 2
            case UInt8(ascii: "x"): base = 16; i = 2
            default: base = 8; i = 1
            }
        }
        var n: UInt64 = 0
        var underscores = false
        let cutoff = UInt64.max / base + 1
        while i < s.count {
            let c = s[i]
            i += 1
            if c == UInt8(ascii: "_") {
                underscores = true
                continue
            }
            let d: UInt64
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt64(c - 48)
            case UInt8(ascii: "a")...UInt8(ascii: "z"): d = UInt64(c - 87)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): d = UInt64(c - 55)
            default: return .failure(.invalidSyntax)
            }
            if d >= base { return .failure(.invalidSyntax) }
            if n >= cutoff { return .failure(.outOfRange) }
            n *= base
            let (sum, overflow) = n.addingReportingOverflow(d)
            if overflow { return .failure(.outOfRange) }
            n = sum
        }
        if underscores && !underscoreOK(whole) { return .failure(.invalidSyntax) }
        return .success(n)
    }

    /// Go's `underscoreOK`: underscores only between digits, or between a base prefix and a digit.
    static func underscoreOK(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var s = text[...]
        // '^' start, '0' digit or prefix, '_' underscore, '!' anything else.
        var saw = UInt8(ascii: "^")
        if let first = s.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") { s = s.dropFirst() }
        var hex = false
        var i = s.startIndex
        if s.count >= 2, s[i] == UInt8(ascii: "0") {
            let p = s[i + 1] | 0x20
            if p == UInt8(ascii: "b") || p == UInt8(ascii: "o") || p == UInt8(ascii: "x") {
                i += 2
                saw = UInt8(ascii: "0")
                hex = p == UInt8(ascii: "x")
            }
        }
        while i < s.endIndex {
            let c = s[i]
            i += 1
            let lower = c | 0x20
            if (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
                || (hex && lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "f"))
            {
                saw = UInt8(ascii: "0")
                continue
            }
            if c == UInt8(ascii: "_") {
                if saw != UInt8(ascii: "0") { return false }
                saw = UInt8(ascii: "_")
                continue
            }
            if saw == UInt8(ascii: "_") { return false }
            saw = UInt8(ascii: "!")
        }
        return saw != UInt8(ascii: "_")
    }

    /// Go's `special`: `inf`, `infinity` (optionally signed) and `nan`, in any case, filling
    /// the whole text.
    private static func special(_ s: UnsafeBufferPointer<UInt8>) -> Double? {
        guard let first = s.first else { return nil }
        var i = 0
        var negative = false
        if first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            i = 1
        }
        let rest = s.count - i
        func matches(_ word: StaticString) -> Bool {
            guard rest == word.utf8CodeUnitCount else { return false }
            let w = word.utf8Start
            for k in 0..<rest where s[i + k] | 0x20 != w[k] { return false }
            return true
        }
        if matches("inf") || matches("infinity") { return negative ? -.infinity : .infinity }
        if i == 0 && matches("nan") { return .nan }
        return nil
    }

    /// Go's `readFloat` syntax check over the whole text.
    private static func validateFloat(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = s.count
        if i < n, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") { i += 1 }
        var hex = false
        if i + 2 < n, s[i] == UInt8(ascii: "0"), s[i + 1] | 0x20 == UInt8(ascii: "x") {
            hex = true
            i += 2
        }
        var underscores = false
        var sawDot = false
        var sawDigits = false
        loop: while i < n {
            let c = s[i]
            switch c {
            case UInt8(ascii: "_"):
                underscores = true
            case UInt8(ascii: "."):
                if sawDot { break loop }
                sawDot = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                sawDigits = true
            default:
                let lower = c | 0x20
                if hex && lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "f") {
                    sawDigits = true
                } else {
                    break loop
                }
            }
            i += 1
        }
        if !sawDigits { return false }
        let expChar = hex ? UInt8(ascii: "p") : UInt8(ascii: "e")
        if i < n, s[i] | 0x20 == expChar {
            i += 1
            if i >= n { return false }
            if s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") { i += 1 }
            if i >= n || s[i] < UInt8(ascii: "0") || s[i] > UInt8(ascii: "9") { return false }
            while i < n, (s[i] >= UInt8(ascii: "0") && s[i] <= UInt8(ascii: "9")) || s[i] == UInt8(ascii: "_") {
                if s[i] == UInt8(ascii: "_") { underscores = true }
                i += 1
            }
        } else if hex {
            return false
        }
        if i != n { return false }
        if underscores && !underscoreOK(s) { return false }
        return true
    }
}
