/// Go's duration strings ("1h30m", "-1.5h", "300ms"), parsed and printed as Go's
/// `time.ParseDuration` and `Duration.String` do. Durations are signed nanoseconds.
public enum GoDuration {
    public static let nanosecond: Int64 = 1
    public static let microsecond: Int64 = 1000
    public static let millisecond: Int64 = 1_000_000
    public static let second: Int64 = 1_000_000_000
    public static let minute: Int64 = 60 * second
    public static let hour: Int64 = 60 * minute

    static let units: [String: UInt64] = [
        "ns": 1, "us": 1000, "\u{B5}s": 1000, "\u{3BC}s": 1000, "ms": 1_000_000, "s": 1_000_000_000,
        "m": 60_000_000_000, "h": 3_600_000_000_000,
    ]

    /// Parses a signed sequence of decimal numbers with units, such as "2h45m" or "-1.5s".
    /// Valid units are ns, us (or µs), ms, s, m and h.
    ///
    /// - Throws: `time: invalid duration "x"`, `time: missing unit in duration "x"` or
    ///   `time: unknown unit "u" in duration "x"`.
    public static func parse(_ text: String) throws(RuntimeError) -> Int64 {
        let orig = Array(text.utf8)
        var s = orig[...]
        func invalid() -> RuntimeError { RuntimeError("time: invalid duration \(GoTimeLayout.quote(orig))") }

        var negative = false
        if let c = s.first, c == UInt8(ascii: "-") || c == UInt8(ascii: "+") {
            negative = c == UInt8(ascii: "-")
            s = s.dropFirst()
        }
        if s.elementsEqual("0".utf8) { return 0 }
        if s.isEmpty { throw invalid() }

        var total: UInt64 = 0
        while let first = s.first {
            guard first == UInt8(ascii: ".") || isDigit(first) else { throw invalid() }
            // The whole part.
            let before = s.count
            var v: UInt64 = 0
            while let c = s.first, isDigit(c) {
                if v > (1 << 63) / 10 { throw invalid() }
                v = v * 10 + UInt64(c - UInt8(ascii: "0"))
                if v > 1 << 63 { throw invalid() }
                s = s.dropFirst()
            }
            let hasWhole = s.count != before
            // The fraction, which stops gaining precision rather than overflowing.
            var f: UInt64 = 0
            var scale: Double = 1
            var hasFraction = false
            if s.first == UInt8(ascii: ".") {
                s = s.dropFirst()
                var overflow = false
                while let c = s.first, isDigit(c) {
                    hasFraction = true
                    s = s.dropFirst()
                    if overflow { continue }
                    if f > ((UInt64(1) << 63) - 1) / 10 {
                        overflow = true
                        continue
                    }
                    let y = f * 10 + UInt64(c - UInt8(ascii: "0"))
                    if y > 1 << 63 {
                        overflow = true
                        continue
                    }
                    f = y
                    scale *= 10
                }
            }
            if !hasWhole && !hasFraction { throw invalid() }

            // The unit runs up to the next digit or point.
            var unitBytes: [UInt8] = []
            while let c = s.first, c != UInt8(ascii: "."), !isDigit(c) {
                unitBytes.append(c)
                s = s.dropFirst()
            }
            if unitBytes.isEmpty {
                throw RuntimeError("time: missing unit in duration \(GoTimeLayout.quote(orig))")
            }
            guard let unit = units[String(decoding: unitBytes, as: UTF8.self)] else {
                throw RuntimeError(
                    "time: unknown unit \(GoTimeLayout.quote(unitBytes)) in duration \(GoTimeLayout.quote(orig))")
            }
            if v > (1 << 63) / unit { throw invalid() }
            v *= unit
            if f > 0 {
                // Doubles keep fractions of an hour exact to the nanosecond.
                v += UInt64(Double(f) * (Double(unit) / scale))
                if v > 1 << 63 { throw invalid() }
            }
            total += v
            if total > 1 << 63 { throw invalid() }
        }
        if negative { return Int64(bitPattern: 0 &- total) }
        if total > UInt64(Int64.max) { throw invalid() }
        return Int64(total)
    }

    /// Prints a duration as Go does: "1h30m0s", "1.5s", "300ms", "2µs", "0s".
    public static func string(_ d: Int64) -> String {
        var u = d.magnitude
        let negative = d < 0
        var out: [UInt8] = []  // built backwards
        if u < UInt64(second) {
            // Under a second, use the largest unit that keeps the integer part non-zero.
            let precision: Int
            out.append(UInt8(ascii: "s"))
            if u == 0 {
                return "0s"
            } else if u < UInt64(microsecond) {
                precision = 0
                out.append(UInt8(ascii: "n"))
            } else if u < UInt64(millisecond) {
                precision = 3
                out += [0xB5, 0xC2]  // "µ" reversed
            } else {
                precision = 6
                out.append(UInt8(ascii: "m"))
            }
            u = appendFraction(&out, u, precision: precision)
            appendInt(&out, u)
        } else {
            out.append(UInt8(ascii: "s"))
            u = appendFraction(&out, u, precision: 9)
            appendInt(&out, u % 60)
            u /= 60
            if u > 0 {
                out.append(UInt8(ascii: "m"))
                appendInt(&out, u % 60)
                u /= 60
                if u > 0 {
                    out.append(UInt8(ascii: "h"))
                    appendInt(&out, u)
                }
            }
        }
        if negative { out.append(UInt8(ascii: "-")) }
        return String(decoding: out.reversed(), as: UTF8.self)
    }

    /// Appends (backwards) the fraction of `v / 10^precision` without trailing zeros, and
    /// returns the integer part.
    private static func appendFraction(_ out: inout [UInt8], _ v: UInt64, precision: Int) -> UInt64 {
        var v = v
        var printed = false
        for _ in 0..<precision {
            let digit = v % 10
            printed = printed || digit != 0
            if printed { out.append(UInt8(ascii: "0") + UInt8(digit)) }
            v /= 10
        }
        if printed { out.append(UInt8(ascii: ".")) }
        return v
    }

    private static func appendInt(_ out: inout [UInt8], _ v: UInt64) {
        out += String(v).utf8.reversed()
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
}
