/// Formatting helpers for the Prometheus text exposition format.
enum PrometheusText {
    /// One sample line: `name{a="1",b="2"} value`.
    static func sample(_ name: String, _ labels: [String: String], _ value: Double) -> String {
        let l = labelText(labels)
        return l.isEmpty ? "\(name) \(number(value))\n" : "\(name){\(l)} \(number(value))\n"
    }

    /// `a="1",b="2"` with names sorted (the `le`/`quantile` label last, as client libraries do).
    static func labelText(_ labels: [String: String]) -> String {
        let special: Set<String> = ["le", "quantile"]
        let names = labels.keys.filter { !special.contains($0) }.sorted() + labels.keys.filter(special.contains).sorted()
        return names.map { "\($0)=\"\(escape(labels[$0] ?? ""))\"" }.joined(separator: ",")
    }

    /// Escapes a label value: backslash, double quote and line feed.
    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(ch)
            }
        }
        return out
    }

    /// A number the way Go's `strconv.FormatFloat(v, 'g', -1, 64)` writes it, which is what
    /// Prometheus client libraries emit: `5`, `0.5`, `1e+06`, `1.234567e+09`, `NaN`, `+Inf`.
    static func number(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v < 0 ? "-Inf" : "+Inf" }
        if v == 0 { return v.sign == .minus ? "-0" : "0" }
        // Shortest round-trip digits and decimal exponent, from Swift's own shortest printing.
        let (negative, digits, pointPos) = shortestDigits(v)
        let exp = pointPos - 1
        // Go switches to exponent form when exp < -4 or exp >= 6 for shortest formatting.
        let eprec = 6
        var out = negative ? "-" : ""
        if exp < -4 || exp >= eprec {
            out += String(digits.first ?? "0")
            if digits.count > 1 { out += "." + digits.dropFirst() }
            out += exp < 0 ? "e-" : "e+"
            let e = abs(exp)
            out += e < 10 ? "0\(e)" : "\(e)"
            return out
        }
        if pointPos <= 0 {
            out += "0." + String(repeating: "0", count: -pointPos) + digits
        } else if pointPos >= digits.count {
            out += digits + String(repeating: "0", count: pointPos - digits.count)
        } else {
            let i = digits.index(digits.startIndex, offsetBy: pointPos)
            out += digits[..<i] + "." + digits[i...]
        }
        return out
    }

    /// The significant digits (no leading/trailing zeros) and the position of the decimal
    /// point relative to them (value = 0.d1d2... × 10^pointPos).
    static func shortestDigits(_ v: Double) -> (negative: Bool, digits: String, pointPos: Int) {
        var text = "\(v.magnitude)"  // e.g. "1234.5", "1e-05", "1.5e+20", "0.001"
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = String(text[..<e])
        }
        var intPart = text
        var fracPart = ""
        if let dot = text.firstIndex(of: ".") {
            intPart = String(text[..<dot])
            fracPart = String(text[text.index(after: dot)...])
        }
        var digits = intPart + fracPart
        var pointPos = intPart.count + exponent
        while digits.first == "0" {
            digits.removeFirst()
            pointPos -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        if digits.isEmpty { digits = "0" }
        return (v < 0, digits, pointPos)
    }
}
