/// Formats doubles the way Go's `strconv.FormatFloat` does where Go's output differs from
/// C's: the shortest round-trip forms, infinities and NaN, and hexadecimal exponents.
enum GoFloatText {
    /// The shortest decimal digits that read back as `f`, with the position of the decimal
    /// point: the value is `0.digits × 10^point`.
    struct Decimal {
        var negative: Bool
        var digits: [UInt8]
        var point: Int
    }

    /// The shortest round-trip digits of a finite `f` (Swift's `description` prints them).
    static func shortest(_ f: Double) -> Decimal {
        var text = Array(f.magnitude.description.utf8)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            exponent = Int(String(decoding: text[(e + 1)...], as: UTF8.self)) ?? 0
            text = Array(text[..<e])
        }
        var digits: [UInt8] = []
        var point = 0
        var seenPoint = false
        for c in text {
            if c == UInt8(ascii: ".") {
                seenPoint = true
                continue
            }
            digits.append(c)
            if !seenPoint { point += 1 }
        }
        point += exponent
        while let first = digits.first, first == UInt8(ascii: "0") {
            digits.removeFirst()
            point -= 1
        }
        while let last = digits.last, last == UInt8(ascii: "0") { digits.removeLast() }
        if digits.isEmpty { point = 0 }
        return Decimal(negative: f.sign == .minus, digits: digits, point: point)
    }

    /// `strconv.FormatFloat(f, 'g', -1, 64)`, which is also Go's `%v`: the shortest form, in
    /// `%e` style when the decimal exponent is below -4 or at least 6.
    static func shortestG(_ f: Double, upper: Bool = false) -> String {
        if let special = special(f) { return special }
        let d = shortest(f)
        let nd = max(d.digits.count, 1)
        let exp = d.digits.isEmpty ? 0 : d.point - 1
        if exp < -4 || exp >= 6 {
            return formatE(d, decimals: nd - 1, upper: upper)
        }
        return formatF(d, decimals: max(nd - d.point, 0))
    }

    /// Go's text for infinities and NaN (`+Inf`, `-Inf`, `NaN`), nil for finite values.
    static func special(_ f: Double) -> String? {
        if f.isNaN { return "NaN" }
        if f.isInfinite { return f < 0 ? "-Inf" : "+Inf" }
        return nil
    }

    private static func formatE(_ d: Decimal, decimals: Int, upper: Bool) -> String {
        var out = d.negative ? "-" : ""
        let digits = d.digits.isEmpty ? [UInt8(ascii: "0")] : d.digits
        out.unicodeScalars.append(Unicode.Scalar(digits[0]))
        if decimals > 0 {
            out += "."
            for i in 1...decimals {
                out.unicodeScalars.append(Unicode.Scalar(i < digits.count ? digits[i] : UInt8(ascii: "0")))
            }
        }
        let exp = d.digits.isEmpty ? 0 : d.point - 1
        out += upper ? "E" : "e"
        out += exp < 0 ? "-" : "+"
        let mag = String(abs(exp))
        out += mag.count < 2 ? "0" + mag : mag
        return out
    }

    private static func formatF(_ d: Decimal, decimals: Int) -> String {
        var out = d.negative ? "-" : ""
        if d.point > 0 {
            for i in 0..<d.point {
                out.unicodeScalars.append(Unicode.Scalar(i < d.digits.count ? d.digits[i] : UInt8(ascii: "0")))
            }
        } else {
            out += "0"
        }
        if decimals > 0 {
            out += "."
            for i in 0..<decimals {
                let index = d.point + i
                let c = index >= 0 && index < d.digits.count ? d.digits[index] : UInt8(ascii: "0")
                out.unicodeScalars.append(Unicode.Scalar(c))
            }
        }
        return out
    }
}
