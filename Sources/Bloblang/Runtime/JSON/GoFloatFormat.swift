/// Float text in the forms Go prints: `strconv.FormatFloat` and `encoding/json`.
///
/// Shortest forms start from Swift's `description`, which already yields the shortest digit
/// string that round-trips (the same digits Go's shortest mode picks); only the layout is
/// redone here. Fixed precisions are rounded from the exact binary value, half to even on
/// exact ties, as Go does.
public enum GoFloatFormat {
    /// `strconv.FormatFloat(f, 'g', -1, 64)`: `1e+06`, `1.234567e+06`, `0.0001`, `1e-05`, `3.14`,
    /// `+Inf`, `NaN`.
    public static func shortestG(_ f: Double) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(24)
        appendShortestG(f, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `strconv.FormatFloat(f, 'g', -1, 64)` to `out`.
    public static func appendShortestG(_ f: Double, to out: inout [UInt8]) {
        if appendSpecial(f, to: &out) { return }
        let d = ShortestDigits(f)
        d.withDigits { digits in
            appendFormatted(
                &out, negative: d.negative, digits: digits, point: d.point, format: UInt8(ascii: "g"),
                precision: d.count, shortest: true)
        }
    }

    /// The text `encoding/json` writes for a float: shortest digits in plain form, or exponent
    /// form (`1e+21`, `1e-7`) when the magnitude is below 1e-6 or at least 1e21. Go refuses NaN
    /// and infinities; this returns `null` for them.
    public static func json(_ f: Double) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(24)
        appendJSON(f, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the `encoding/json` text of `f` to `out` (`null` for NaN and infinities).
    public static func appendJSON(_ f: Double, to out: inout [UInt8]) {
        var buffer: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &buffer) { raw in
            let p = raw.baseAddress.unsafelyUnwrapped.assumingMemoryBound(to: UInt8.self)
            let n = writeJSON(f, to: p)
            out.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
        }
    }

    /// The most bytes ``writeJSON(_:to:)`` writes.
    static let maxJSONLength = 32

    /// Writes the `encoding/json` text of `f` at `p`, which has room for ``maxJSONLength``
    /// bytes, and returns its length.
    @inline(__always)
    static func writeJSON(_ f: Double, to p: UnsafeMutablePointer<UInt8>) -> Int {
        // Integral values below 1e15 print as their integer digits in every form; this skips
        // the digit search for the most common floats.
        if f.magnitude < 1e15, f == f.rounded(.towardZero), f != 0 || f.sign == .plus {
            let i = Int64(f)
            if i < 0 {
                p[0] = UInt8(ascii: "-")
                return 1 + writeInteger(i.magnitude, to: p + 1)
            }
            return writeInteger(UInt64(i), to: p)
        }
        return writeJSONSlow(f, to: p)
    }

    static func writeJSONSlow(_ f: Double, to p: UnsafeMutablePointer<UInt8>) -> Int {
        guard f.isFinite else {
            p[0] = 0x6E; p[1] = 0x75; p[2] = 0x6C; p[3] = 0x6C  // null
            return 4
        }
        let d = ShortestDigits(f)
        var n = 0
        if d.negative {
            p[0] = UInt8(ascii: "-")
            n = 1
        }
        let magnitude = f.magnitude
        // Digits go to the tail of the buffer first, then into place.
        let digits = p + (maxJSONLength - 18)
        d.write(to: digits)
        let nd = d.count
        let dp = d.point
        if magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21) {
            // Exponent form: d.ddde±x, Go writes e-7 rather than e-07 and e+21 with two digits.
            let exp = dp - 1
            p[n] = digits[0]
            n += 1
            if nd > 1 {
                p[n] = UInt8(ascii: ".")
                (p + n + 1).update(from: digits + 1, count: nd - 1)
                n += nd
            }
            p[n] = UInt8(ascii: "e")
            p[n + 1] = exp < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+")
            n += 2
            let e = exp.magnitude
            if exp >= 0 && e < 10 {
                p[n] = UInt8(ascii: "0")
                n += 1
            }
            return n + writeInteger(UInt64(e), to: p + n)
        }
        if dp > 0 {
            let m = min(nd, dp)
            (p + n).update(from: digits, count: m)
            n += m
            for _ in m..<max(m, dp) {
                p[n] = UInt8(ascii: "0")
                n += 1
            }
        } else {
            p[n] = UInt8(ascii: "0")
            n += 1
        }
        if nd > dp {
            p[n] = UInt8(ascii: ".")
            n += 1
            var from = dp
            while from < 0 {
                p[n] = UInt8(ascii: "0")
                n += 1
                from += 1
            }
            (p + n).update(from: digits + from, count: nd - from)
            n += nd - from
        }
        return n
    }

    /// Writes the decimal digits of `value` at `p` (room for 20 bytes) and returns how many.
    @inline(__always)
    static func writeInteger(_ value: UInt64, to p: UnsafeMutablePointer<UInt8>) -> Int {
        var n = 1
        var limit: UInt64 = 10
        while n < 20 && value >= limit {
            n += 1
            limit &*= 10
        }
        var v = value
        var i = n
        repeat {
            i -= 1
            p[i] = UInt8(truncatingIfNeeded: v % 10) &+ 48
            v /= 10
        } while i > 0
        return n
    }

    /// `strconv.FormatFloat(f, format, precision, 64)` for the formats `e`, `E`, `f`, `g` and `G`;
    /// a negative precision asks for the shortest digits that round-trip.
    public static func format(_ f: Double, _ format: Character, precision: Int = -1) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(32)
        appendFormat(f, format, precision: precision, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `strconv.FormatFloat(f, 'f', precision, 64)`.
    public static func formatF(_ f: Double, precision: Int = -1) -> String {
        format(f, "f", precision: precision)
    }

    /// `strconv.FormatFloat(f, 'e', precision, 64)`.
    public static func formatE(_ f: Double, precision: Int = -1) -> String {
        format(f, "e", precision: precision)
    }

    /// Appends `strconv.FormatFloat(f, format, precision, 64)` to `out`.
    public static func appendFormat(_ f: Double, _ format: Character, precision: Int, to out: inout [UInt8]) {
        let fmt = format.asciiValue ?? UInt8(ascii: "g")
        if appendSpecial(f, to: &out) { return }
        switch fmt {
        case UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "f"), UInt8(ascii: "g"), UInt8(ascii: "G"): break
        default:
            out.append(UInt8(ascii: "%"))
            out.append(fmt)
            return
        }
        if precision < 0 {
            let d = ShortestDigits(f)
            let prec: Int
            switch fmt {
            case UInt8(ascii: "e"), UInt8(ascii: "E"): prec = d.count - 1
            case UInt8(ascii: "f"): prec = max(d.count - d.point, 0)
            default: prec = d.count
            }
            d.withDigits { digits in
                appendFormatted(
                    &out, negative: d.negative, digits: digits, point: d.point, format: fmt, precision: prec,
                    shortest: true)
            }
            return
        }
        var exact = ExactDecimal(f)
        var prec = precision
        switch fmt {
        case UInt8(ascii: "e"), UInt8(ascii: "E"): exact.round(keeping: prec + 1)
        case UInt8(ascii: "f"): exact.round(keeping: exact.point + prec)
        default:
            if prec == 0 { prec = 1 }
            exact.round(keeping: prec)
        }
        exact.digits.withUnsafeBufferPointer { digits in
            appendFormatted(
                &out, negative: f.sign == .minus, digits: digits, point: exact.point, format: fmt, precision: prec,
                shortest: false)
        }
    }

    // MARK: - Layout

    /// Writes `NaN`, `+Inf` or `-Inf` and returns true for those values.
    static func appendSpecial(_ f: Double, to out: inout [UInt8]) -> Bool {
        if f.isNaN {
            out.append(contentsOf: [0x4E, 0x61, 0x4E])
            return true
        }
        if f.isInfinite {
            out.append(f < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            out.append(contentsOf: [0x49, 0x6E, 0x66])
            return true
        }
        return false
    }

    /// Go's `formatDigits`: lays out decimal digits `0.d1d2d3… × 10^point`.
    static func appendFormatted(
        _ out: inout [UInt8], negative: Bool, digits: UnsafeBufferPointer<UInt8>, point: Int, format: UInt8,
        precision: Int, shortest: Bool
    ) {
        switch format {
        case UInt8(ascii: "e"), UInt8(ascii: "E"):
            appendE(&out, negative: negative, digits: digits, point: point, precision: precision, letter: format)
        case UInt8(ascii: "f"):
            appendF(&out, negative: negative, digits: digits, point: point, precision: precision)
        default:
            var prec = precision
            var eprec = prec
            if eprec > digits.count && digits.count >= point { eprec = digits.count }
            if shortest { eprec = 6 }
            let exp = point - 1
            let letter = format == UInt8(ascii: "G") ? UInt8(ascii: "E") : UInt8(ascii: "e")
            if exp < -4 || exp >= eprec {
                if prec > digits.count { prec = digits.count }
                appendE(&out, negative: negative, digits: digits, point: point, precision: prec - 1, letter: letter)
            } else {
                if prec > point { prec = digits.count }
                appendF(&out, negative: negative, digits: digits, point: point, precision: max(prec - point, 0))
            }
        }
    }

    /// `%e`: d.ddddde±dd.
    static func appendE(
        _ out: inout [UInt8], negative: Bool, digits: UnsafeBufferPointer<UInt8>, point: Int, precision: Int,
        letter: UInt8 = UInt8(ascii: "e")
    ) {
        if negative { out.append(UInt8(ascii: "-")) }
        out.append(digits.isEmpty ? UInt8(ascii: "0") : digits[0])
        if precision > 0 {
            out.append(UInt8(ascii: "."))
            let m = min(digits.count, precision + 1)
            var i = 1
            while i < m {
                out.append(digits[i])
                i += 1
            }
            while i <= precision {
                out.append(UInt8(ascii: "0"))
                i += 1
            }
        }
        out.append(letter)
        var exp = digits.isEmpty ? 0 : point - 1
        if exp < 0 {
            out.append(UInt8(ascii: "-"))
            exp = -exp
        } else {
            out.append(UInt8(ascii: "+"))
        }
        if exp < 10 {
            out.append(UInt8(ascii: "0"))
            out.append(UInt8(truncatingIfNeeded: exp) &+ 48)
        } else if exp < 100 {
            out.append(UInt8(truncatingIfNeeded: exp / 10) &+ 48)
            out.append(UInt8(truncatingIfNeeded: exp % 10) &+ 48)
        } else {
            out.append(UInt8(truncatingIfNeeded: exp / 100) &+ 48)
            out.append(UInt8(truncatingIfNeeded: exp / 10 % 10) &+ 48)
            out.append(UInt8(truncatingIfNeeded: exp % 10) &+ 48)
        }
    }

    /// `%f`: ddd.ddd.
    static func appendF(
        _ out: inout [UInt8], negative: Bool, digits: UnsafeBufferPointer<UInt8>, point: Int, precision: Int
    ) {
        if negative { out.append(UInt8(ascii: "-")) }
        if point > 0 {
            let m = min(digits.count, point)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: digits[0..<m]))
            var i = m
            while i < point {
                out.append(UInt8(ascii: "0"))
                i += 1
            }
        } else {
            out.append(UInt8(ascii: "0"))
        }
        if precision > 0 {
            out.append(UInt8(ascii: "."))
            for i in 1...precision {
                let j = point + i - 1
                out.append(j >= 0 && j < digits.count ? digits[j] : UInt8(ascii: "0"))
            }
        }
    }

    /// Appends the decimal digits of an integer.
    public static func appendInteger(_ value: Int64, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        appendInteger(value.magnitude, to: &out)
    }

    /// Appends the decimal digits of an unsigned integer.
    public static func appendInteger(_ value: UInt64, to out: inout [UInt8]) {
        var buffer: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &buffer) { raw in
            let p = raw.baseAddress.unsafelyUnwrapped.assumingMemoryBound(to: UInt8.self)
            out.append(contentsOf: UnsafeBufferPointer(start: p, count: writeInteger(value, to: p)))
        }
    }
}

// MARK: - Shortest digits

/// The shortest round-trip decimal digits of a finite double, read off Swift's `description`:
/// the value is `0.d1d2…dn × 10^point`.
struct ShortestDigits {
    /// The digits as an integer (at most 17 of them).
    var mantissa: UInt64 = 0
    /// How many digits; 0 for zero.
    var count = 0
    var point = 0
    var negative = false

    init(_ f: Double) {
        negative = f.sign == .minus
        var text = f.description
        text.withUTF8 { buf in
            var i = 0
            if i < buf.count, buf[i] == UInt8(ascii: "-") { i += 1 }
            var seenDot = false
            var seenNonZero = false
            var pendingZeros = 0
            while i < buf.count {
                let c = buf[i]
                if c == UInt8(ascii: ".") {
                    seenDot = true
                    i += 1
                    continue
                }
                let d = c &- 48
                if d > 9 { break }
                i += 1
                if !seenNonZero {
                    if d == 0 {
                        if seenDot { point -= 1 }
                        continue
                    }
                    seenNonZero = true
                }
                if !seenDot { point += 1 }
                if d == 0 {
                    pendingZeros += 1
                } else {
                    for _ in 0..<pendingZeros { mantissa &*= 10 }
                    mantissa = mantissa &* 10 &+ UInt64(d)
                    count += pendingZeros + 1
                    pendingZeros = 0
                }
            }
            if i < buf.count, buf[i] == UInt8(ascii: "e") || buf[i] == UInt8(ascii: "E") {
                i += 1
                var expNegative = false
                if i < buf.count, buf[i] == UInt8(ascii: "-") || buf[i] == UInt8(ascii: "+") {
                    expNegative = buf[i] == UInt8(ascii: "-")
                    i += 1
                }
                var e = 0
                while i < buf.count, buf[i] &- 48 <= 9 {
                    e = e * 10 + Int(buf[i] &- 48)
                    i += 1
                }
                point += expNegative ? -e : e
            }
        }
        if count == 0 { point = 0 }
    }

    /// Writes the digits as ASCII at `p` (room for 17 bytes).
    @inline(__always)
    func write(to p: UnsafeMutablePointer<UInt8>) {
        var m = mantissa
        var i = count
        while i > 0 {
            i -= 1
            p[i] = UInt8(truncatingIfNeeded: m % 10) &+ 48
            m /= 10
        }
    }

    /// Calls `body` with the digits as ASCII bytes in a stack buffer.
    func withDigits<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var buffer: (UInt64, UInt64, UInt64) = (0, 0, 0)
        return withUnsafeMutableBytes(of: &buffer) { raw in
            var m = mantissa
            var i = count
            while i > 0 {
                i -= 1
                raw[i] = UInt8(truncatingIfNeeded: m % 10) &+ 48
                m /= 10
            }
            let typed = raw.bindMemory(to: UInt8.self)
            return body(UnsafeBufferPointer(rebasing: typed[0..<count]))
        }
    }
}
