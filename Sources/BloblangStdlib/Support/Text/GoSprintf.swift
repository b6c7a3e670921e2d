import Bloblang
import Foundation

/// A formatter with the output of Go's `fmt.Sprintf`, for the `format` method.
///
/// Arguments are Bloblang values, seen as the Go types Benthos hands to `fmt`: strings,
/// `int64`, `uint64`, `float64`, `bool`, `nil`, `[]byte`, `[]interface {}`,
/// `map[string]interface {}` and `time.Time`. Verbs, flags (`+ - # 0` and space), widths,
/// precisions, `*` and explicit argument indexes (`%[2]d`) follow Go, and so do the
/// in-band error texts (`%!d(string=hi)`, `%!v(MISSING)`, `%!(EXTRA int64=1)`).
struct GoSprintf {
    /// Formats `args` according to `format`.
    static func format(_ format: String, _ args: [Value]) -> String {
        var printer = GoSprintf(args: args)
        printer.run(Array(format.utf8))
        return String(decoding: printer.buf, as: UTF8.self)
    }

    // MARK: - State

    private struct Flags {
        var plus = false
        var minus = false
        var sharp = false
        var space = false
        var zero = false
        var plusV = false
        var sharpV = false
        var width = 0
        var widthPresent = false
        var precision = 0
        var precisionPresent = false
    }

    private let args: [Value]
    private var buf: [UInt8] = []
    private var f = Flags()
    private var reordered = false
    private var goodArgNum = true

    private init(args: [Value]) { self.args = args }

    // MARK: - The format string

    private static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

    /// Reads a decimal number at `i` (Go's `parsenum`); absent or too large gives nil.
    private static func parseNumber(_ s: [UInt8], _ i: Int, _ end: Int) -> (value: Int?, next: Int) {
        var j = i
        var n = 0
        var tooLarge = false
        while j < end && isDigit(s[j]) {
            if n > 1_000_000 { tooLarge = true }
            if !tooLarge { n = n * 10 + Int(s[j] - UInt8(ascii: "0")) }
            j += 1
        }
        if j == i || tooLarge { return (nil, j) }
        return (n, j)
    }

    /// Reads an explicit argument index `[n]` at `i` (Go's `argNumber`).
    private mutating func argNumber(_ argNum: Int, _ s: [UInt8], _ i: Int) -> (argNum: Int, next: Int, found: Bool) {
        guard i < s.count, s[i] == UInt8(ascii: "[") else { return (argNum, i, false) }
        reordered = true
        var index = 0
        var width = 1
        var ok = false
        if s.count - i >= 3 {
            var j = i + 1
            while j < s.count && s[j] != UInt8(ascii: "]") { j += 1 }
            if j < s.count {
                let (n, next) = Self.parseNumber(s, i + 1, j)
                width = j - i + 1
                if let n, next == j {
                    index = n - 1
                    ok = true
                }
            }
        }
        if ok && index >= 0 && index < args.count { return (index, i + width, true) }
        goodArgNum = false
        return (argNum, i + width, ok)
    }

    /// Reads a `*` width or precision from the arguments (Go's `intFromArg`).
    private func intFromArg(_ argNum: Int) -> (value: Int, isInt: Bool, next: Int) {
        guard argNum < args.count else { return (0, false, argNum) }
        var n = 0
        var isInt = false
        switch args[argNum] {
        case .int(let i):
            n = Int(i)
            isInt = true
        case .uint(let u) where u <= UInt64(Int.max):
            n = Int(u)
            isInt = true
        default:
            break
        }
        if n > 1_000_000 || n < -1_000_000 { return (0, false, argNum + 1) }
        return (n, isInt, argNum + 1)
    }

    private mutating func write(_ s: String) { buf.append(contentsOf: s.utf8) }

    private mutating func run(_ s: [UInt8]) {
        let end = s.count
        var argNum = 0
        var afterIndex = false
        var i = 0
        formatLoop: while i < end {
            goodArgNum = true
            let last = i
            while i < end && s[i] != UInt8(ascii: "%") { i += 1 }
            if i > last { buf.append(contentsOf: s[last..<i]) }
            if i >= end { break }
            i += 1
            f = Flags()
            flagLoop: while i < end {
                switch s[i] {
                case UInt8(ascii: "#"): f.sharp = true
                case UInt8(ascii: "0"): f.zero = !f.minus
                case UInt8(ascii: "+"): f.plus = true
                case UInt8(ascii: "-"):
                    f.minus = true
                    f.zero = false
                case UInt8(ascii: " "): f.space = true
                default: break flagLoop
                }
                i += 1
            }
            (argNum, i, afterIndex) = argNumber(argNum, s, i)
            // Width.
            if i < end && s[i] == UInt8(ascii: "*") {
                i += 1
                let r = intFromArg(argNum)
                (f.width, f.widthPresent, argNum) = (r.value, r.isInt, r.next)
                if !f.widthPresent { write("%!(BADWIDTH)") }
                if f.width < 0 {
                    f.width = -f.width
                    f.minus = true
                    f.zero = false
                }
                afterIndex = false
            } else {
                let (n, next) = Self.parseNumber(s, i, end)
                i = next
                f.width = n ?? 0
                f.widthPresent = n != nil
                if afterIndex && f.widthPresent { goodArgNum = false }
            }
            // Precision.
            if i + 1 < end && s[i] == UInt8(ascii: ".") {
                i += 1
                if afterIndex { goodArgNum = false }
                (argNum, i, afterIndex) = argNumber(argNum, s, i)
                if i < end && s[i] == UInt8(ascii: "*") {
                    i += 1
                    let r = intFromArg(argNum)
                    (f.precision, f.precisionPresent, argNum) = (r.value, r.isInt, r.next)
                    if f.precision < 0 {
                        f.precision = 0
                        f.precisionPresent = false
                    }
                    if !f.precisionPresent { write("%!(BADPREC)") }
                    afterIndex = false
                } else {
                    let (n, next) = Self.parseNumber(s, i, end)
                    i = next
                    f.precision = n ?? 0
                    f.precisionPresent = true
                }
            }
            if !afterIndex { (argNum, i, afterIndex) = argNumber(argNum, s, i) }
            if i >= end {
                write("%!(NOVERB)")
                break formatLoop
            }
            let (decoded, size) = GoStrconv.decodeRune(s, at: i)
            let verb = Unicode.Scalar(decoded ?? 0xFFFD) ?? "\u{FFFD}"
            i += size
            if verb == "%" {
                buf.append(UInt8(ascii: "%"))
            } else if !goodArgNum {
                write("%!" + String(Character(verb)) + "(BADINDEX)")
            } else if argNum >= args.count {
                write("%!" + String(Character(verb)) + "(MISSING)")
            } else {
                if verb == "v" {
                    f.sharpV = f.sharp
                    f.sharp = false
                    f.plusV = f.plus
                    f.plus = false
                }
                printArg(args[argNum], verb, depth: 0)
                argNum += 1
            }
        }
        if !reordered && argNum < args.count {
            f = Flags()
            write("%!(EXTRA ")
            for (k, arg) in args[argNum...].enumerated() {
                if k > 0 { write(", ") }
                if case .null = arg {
                    write("<nil>")
                } else {
                    write(Self.typeName(arg) + "=")
                    printArg(arg, "v", depth: 0)
                }
            }
            write(")")
        }
    }

    // MARK: - Values

    /// The Go type Benthos would pass for a value.
    private static func typeName(_ v: Value) -> String {
        switch v {
        case .null, .delete, .nothing: "<nil>"
        case .bool: "bool"
        case .int: "int64"
        case .uint: "uint64"
        case .float: "float64"
        case .string: "string"
        case .bytes: "[]uint8"
        case .array: "[]interface {}"
        case .object: "map[string]interface {}"
        case .timestamp: "time.Time"
        }
    }

    private mutating func badVerb(_ verb: Unicode.Scalar, _ v: Value) {
        write("%!" + String(Character(verb)) + "(")
        switch v {
        case .null, .delete, .nothing:
            write("<nil>")
        default:
            write(Self.typeName(v) + "=")
            printArg(v, "v", depth: 0)
        }
        write(")")
    }

    private mutating func printArg(_ v: Value, _ verb: Unicode.Scalar, depth: Int) {
        if verb == "T" {
            fmtString(Self.typeName(v))
            return
        }
        switch v {
        case .null, .delete, .nothing:
            if depth > 0 {
                write(f.sharpV ? "interface {}(nil)" : "<nil>")
            } else if verb == "v" {
                pad("<nil>")
            } else {
                badVerb(verb, v)
            }
        case .bool(let b):
            if verb == "t" || verb == "v" { pad(b ? "true" : "false") } else { badVerb(verb, v) }
        case .int(let i):
            printInteger(UInt64(bitPattern: i), signed: true, verb, v)
        case .uint(let u):
            printInteger(u, signed: false, verb, v)
        case .float(let d):
            printFloat(d, verb, v)
        case .string(let s):
            printString(Array(s.utf8), verb, v)
        case .bytes(let b):
            printBytes(b, verb, v, depth: depth)
        case .timestamp(let t):
            switch verb {
            case "v", "s", "x", "X", "q": printString(Array(Self.goTimeString(t).utf8), verb, v)
            default: badVerb(verb, v)
            }
        case .array(let items):
            if f.sharpV {
                write("[]interface {}{")
                for (k, item) in items.enumerated() {
                    if k > 0 { write(", ") }
                    printArg(item, verb, depth: depth + 1)
                }
                write("}")
                return
            }
            write("[")
            for (k, item) in items.enumerated() {
                if k > 0 { write(" ") }
                printArg(item, verb, depth: depth + 1)
            }
            write("]")
        case .object(let fields):
            let keys = fields.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            write(f.sharpV ? "map[string]interface {}{" : "map[")
            for (k, key) in keys.enumerated() {
                if k > 0 { write(f.sharpV ? ", " : " ") }
                printString(Array(key.utf8), verb, .string(key))
                write(":")
                printArg(fields[key] ?? .null, verb, depth: depth + 1)
            }
            write(f.sharpV ? "}" : "]")
        }
    }

    // MARK: - Padding

    private mutating func writePadding(_ n: Int, zero: Bool) {
        guard n > 0 else { return }
        let c = zero && f.zero && !f.minus ? UInt8(ascii: "0") : UInt8(ascii: " ")
        buf.append(contentsOf: repeatElement(c, count: n))
    }

    /// Pads `text` to the width (counted in runes), on the left unless `-` was given.
    private mutating func pad(_ text: [UInt8], zero: Bool = false) {
        guard f.widthPresent && f.width > 0 else {
            buf.append(contentsOf: text)
            return
        }
        let width = f.width - GoBytes.runes(text).count
        if f.minus {
            buf.append(contentsOf: text)
            writePadding(width, zero: false)
        } else {
            writePadding(width, zero: zero)
            buf.append(contentsOf: text)
        }
    }

    private mutating func pad(_ text: String, zero: Bool = false) { pad(Array(text.utf8), zero: zero) }

    // MARK: - Integers

    private static let lowerDigits = Array("0123456789abcdefx".utf8)
    private static let upperDigits = Array("0123456789ABCDEFX".utf8)

    private mutating func printInteger(_ u: UInt64, signed: Bool, _ verb: Unicode.Scalar, _ v: Value) {
        switch verb {
        case "v", "d": fmtInteger(u, base: 10, signed: signed, verb, Self.lowerDigits)
        case "b": fmtInteger(u, base: 2, signed: signed, verb, Self.lowerDigits)
        case "o", "O": fmtInteger(u, base: 8, signed: signed, verb, Self.lowerDigits)
        case "x": fmtInteger(u, base: 16, signed: signed, verb, Self.lowerDigits)
        case "X": fmtInteger(u, base: 16, signed: signed, verb, Self.upperDigits)
        case "c": pad(String(Character(Self.rune(u))))
        case "q":
            var out = "'"
            let r = Self.rune(u)
            if r == "'" {
                out += "\\'"
            } else {
                GoStrconv.appendEscaped(r, quote: "'", to: &out)
            }
            pad(out + "'")
        case "U": fmtUnicode(u)
        default: badVerb(verb, v)
        }
    }

    private static func rune(_ u: UInt64) -> Unicode.Scalar {
        guard u <= 0x10FFFF, let s = Unicode.Scalar(UInt32(u)) else { return "\u{FFFD}" }
        return s
    }

    private mutating func fmtInteger(
        _ value: UInt64, base: UInt64, signed: Bool, _ verb: Unicode.Scalar, _ digits: [UInt8]
    ) {
        let negative = signed && Int64(bitPattern: value) < 0
        var u = negative ? (0 &- value) : value
        var precision = 0
        if f.precisionPresent {
            precision = f.precision
            if precision == 0 && u == 0 {
                writePadding(f.width, zero: false)
                return
            }
        } else if f.zero && !f.minus && f.widthPresent {
            precision = f.width
            if negative || f.plus || f.space { precision -= 1 }
        }
        var out: [UInt8] = []
        repeat {
            out.append(digits[Int(u % base)])
            u /= base
        } while u > 0
        while out.count < precision { out.append(UInt8(ascii: "0")) }
        if f.sharp {
            switch base {
            case 2: out.append(contentsOf: [UInt8(ascii: "b"), UInt8(ascii: "0")])
            case 8: if out.last != UInt8(ascii: "0") { out.append(UInt8(ascii: "0")) }
            case 16: out.append(contentsOf: [digits[16], UInt8(ascii: "0")])
            default: break
            }
        }
        if verb == "O" { out.append(contentsOf: [UInt8(ascii: "o"), UInt8(ascii: "0")]) }
        if negative {
            out.append(UInt8(ascii: "-"))
        } else if f.plus {
            out.append(UInt8(ascii: "+"))
        } else if f.space {
            out.append(UInt8(ascii: " "))
        }
        pad(out.reversed())
    }

    private mutating func fmtUnicode(_ u: UInt64) {
        var hex = String(u, radix: 16, uppercase: true)
        let precision = f.precisionPresent && f.precision > 4 ? f.precision : 4
        if hex.count < precision { hex = String(repeating: "0", count: precision - hex.count) + hex }
        var out = "U+" + hex
        if f.sharp, u <= 0x10FFFF, let s = Unicode.Scalar(UInt32(u)), GoStrconv.isPrint(s) {
            out += " '" + String(Character(s)) + "'"
        }
        pad(out)
    }

    // MARK: - Floats

    private mutating func printFloat(_ d: Double, _ verb: Unicode.Scalar, _ v: Value) {
        switch verb {
        case "v": fmtFloat(d, "g", precision: -1)
        case "b", "g", "G", "x", "X": fmtFloat(d, verb, precision: -1)
        case "f", "e", "E", "F": fmtFloat(d, verb, precision: 6)
        default: badVerb(verb, v)
        }
    }

    /// The signed text of `d` for a verb and precision (`-1` for the shortest form).
    private func floatText(_ d: Double, _ verb: Unicode.Scalar, precision: Int) -> String {
        if let special = GoFloatText.special(d) { return special }
        switch verb {
        case "b":
            let bits = d.bitPattern
            var exponent = Int((bits >> 52) & 0x7FF)
            var mantissa = bits & ((1 << 52) - 1)
            if exponent == 0 { exponent = 1 } else { mantissa |= 1 << 52 }
            exponent -= 1075
            return (d.sign == .minus ? "-" : "") + String(mantissa) + "p" + (exponent >= 0 ? "+" : "") + String(exponent)
        case "g" where precision < 0, "G" where precision < 0:
            return GoFloatText.shortestG(d, upper: verb == "G")
        case "x", "X":
            let spec = precision < 0 ? "%a" : "%.\(precision)a"
            var text = String(format: f.sharp ? spec.replacingOccurrences(of: "%", with: "%#") : spec, d)
            // Go writes at least two exponent digits.
            if let p = text.firstIndex(of: "p") {
                let after = text.index(after: p)
                let sign = text[after]
                let digits = text[text.index(after: after)...]
                if digits.count < 2 { text = String(text[...p]) + String(sign) + "0" + digits }
            }
            return verb == "X" ? text.uppercased() : text
        default:
            let c = verb == "F" ? "f" : String(Character(verb))
            return String(format: "%" + (f.sharp ? "#" : "") + ".\(precision)" + c, d)
        }
    }

    private mutating func fmtFloat(_ d: Double, _ verb: Unicode.Scalar, precision: Int) {
        var num = floatText(d, verb, precision: f.precisionPresent ? f.precision : precision)
        if f.sharp && verb != "b" && (verb == "g" || verb == "G") && !f.precisionPresent && d.isFinite {
            // `%#g` keeps six significant digits and its decimal point.
            num = String(format: verb == "G" ? "%#G" : "%#g", d)
        }
        var text = Array(num.utf8)
        var sign = UInt8(ascii: "+")
        if text.first == UInt8(ascii: "-") || text.first == UInt8(ascii: "+") {
            sign = text.removeFirst()
        }
        if f.space && sign == UInt8(ascii: "+") && !f.plus { sign = UInt8(ascii: " ") }
        if text.first == UInt8(ascii: "I") || text.first == UInt8(ascii: "N") {
            // Infinities and NaN are padded with spaces, and NaN shows a sign only on request.
            var out = text
            if !(text.first == UInt8(ascii: "N") && !f.space && !f.plus) { out.insert(sign, at: 0) }
            pad(out)
            return
        }
        if f.plus || sign != UInt8(ascii: "+") {
            if f.zero && !f.minus && f.widthPresent && f.width > text.count + 1 {
                buf.append(sign)
                writePadding(f.width - text.count - 1, zero: true)
                buf.append(contentsOf: text)
                return
            }
            pad([sign] + text, zero: true)
            return
        }
        pad(text, zero: true)
    }

    // MARK: - Strings and bytes

    private mutating func truncated(_ s: [UInt8]) -> [UInt8] {
        guard f.precisionPresent else { return s }
        let runes = GoBytes.runes(s)
        guard f.precision < runes.count else { return s }
        return Array(s[..<runes[f.precision].start])
    }

    private mutating func fmtString(_ s: String) { pad(truncated(Array(s.utf8))) }

    private mutating func fmtQ(_ s: [UInt8]) {
        let t = truncated(s)
        if f.sharp, let text = String(validating: t, as: UTF8.self),
            !text.unicodeScalars.contains(where: { $0 == "`" || $0 == "\u{FFFD}" || ($0.value < 0x20 && $0 != "\t") || $0.value == 0x7F })
        {
            pad("`" + text + "`")
            return
        }
        if f.plus {
            var out = "\""
            for r in GoBytes.runes(t) {
                if r.scalar == 0xFFFD && r.end - r.start == 1 {
                    out += "\\x" + GoStrconv.hex(UInt32(t[r.start]), width: 2)
                } else if let scalar = Unicode.Scalar(r.scalar), scalar.isASCII {
                    GoStrconv.appendEscaped(scalar, quote: "\"", to: &out)
                } else if r.scalar < 0x10000 {
                    out += "\\u" + GoStrconv.hex(r.scalar, width: 4)
                } else {
                    out += "\\U" + GoStrconv.hex(r.scalar, width: 8)
                }
            }
            pad(out + "\"")
            return
        }
        pad(GoStrconv.quote(t))
    }

    private mutating func fmtHex(_ s: [UInt8], upper: Bool) {
        let digits = upper ? Self.upperDigits : Self.lowerDigits
        var length = s.count
        if f.precisionPresent && f.precision < length { length = f.precision }
        var width = 2 * length
        if width > 0 {
            if f.space {
                if f.sharp { width *= 2 }
                width += length - 1
            } else if f.sharp {
                width += 2
            }
        } else {
            if f.widthPresent { writePadding(f.width, zero: false) }
            return
        }
        if f.widthPresent && f.width > width && !f.minus { writePadding(f.width - width, zero: false) }
        if f.sharp { buf.append(contentsOf: [UInt8(ascii: "0"), digits[16]]) }
        for i in 0..<length {
            if f.space && i > 0 {
                buf.append(UInt8(ascii: " "))
                if f.sharp { buf.append(contentsOf: [UInt8(ascii: "0"), digits[16]]) }
            }
            buf.append(digits[Int(s[i] >> 4)])
            buf.append(digits[Int(s[i] & 0xF)])
        }
        if f.widthPresent && f.width > width && f.minus { writePadding(f.width - width, zero: false) }
    }

    private mutating func printString(_ s: [UInt8], _ verb: Unicode.Scalar, _ v: Value) {
        switch verb {
        case "v": if f.sharpV { fmtQ(s) } else { pad(truncated(s)) }
        case "s": pad(truncated(s))
        case "x": fmtHex(s, upper: false)
        case "X": fmtHex(s, upper: true)
        case "q": fmtQ(s)
        default: badVerb(verb, v)
        }
    }

    private mutating func printBytes(_ b: [UInt8], _ verb: Unicode.Scalar, _ v: Value, depth: Int) {
        switch verb {
        case "v", "d":
            if f.sharpV {
                write("[]byte{")
                for (k, c) in b.enumerated() {
                    if k > 0 { write(", ") }
                    write("0x" + String(c, radix: 16))
                }
                write("}")
                return
            }
            write("[")
            for (k, c) in b.enumerated() {
                if k > 0 { write(" ") }
                fmtInteger(UInt64(c), base: 10, signed: false, verb, Self.lowerDigits)
            }
            write("]")
        case "s": pad(truncated(b))
        case "x": fmtHex(b, upper: false)
        case "X": fmtHex(b, upper: true)
        case "q": fmtQ(b)
        default:
            write("[")
            for (k, c) in b.enumerated() {
                if k > 0 { write(" ") }
                printInteger(UInt64(c), signed: false, verb, .uint(UInt64(c)))
            }
            write("]")
        }
    }

    // MARK: - Time

    /// Go's `time.Time.String()`: `2006-01-02 15:04:05.999999999 -0700 MST`.
    static func goTimeString(_ t: Timestamp) -> String {
        let offset = t.utcOffset
        let local = t.seconds + Int64(offset)
        var days = local / 86_400
        var secs = local % 86_400
        if secs < 0 {
            secs += 86_400
            days -= 1
        }
        let (y, m, d) = civil(fromDays: days)
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        var out = "\(y < 0 ? "-" : "")\(String(repeating: "0", count: max(0, 4 - String(abs(y)).count)))\(abs(y))"
        out += "-\(two(m))-\(two(d)) \(two(secs / 3600)):\(two(secs % 3600 / 60)):\(two(secs % 60))"
        if t.nanos > 0 {
            var frac = String(t.nanos)
            frac = String(repeating: "0", count: 9 - frac.count) + frac
            while frac.hasSuffix("0") { frac.removeLast() }
            out += "." + frac
        }
        let sign = offset < 0 ? "-" : "+"
        let hhmm = two(Int64(abs(offset) / 3600)) + two(Int64(abs(offset) % 3600 / 60))
        out += " " + sign + hhmm + " "
        if let zone = t.zone, !(zone.identifier == "UTC" || zone.identifier == "GMT") {
            if zone.identifier.hasPrefix("GMT") || zone.identifier.hasPrefix("UTC") {
                out += sign + hhmm
            } else {
                out += zone.abbreviation(for: Date(timeIntervalSince1970: TimeInterval(t.seconds))) ?? (sign + hhmm)
            }
        } else {
            out += "UTC"
        }
        return out
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01.
    private static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}
