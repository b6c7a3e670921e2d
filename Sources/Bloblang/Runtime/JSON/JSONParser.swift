/// The single-pass, non-recursive parser behind ``JSONReader``.
///
/// Containers being filled live on explicit stacks (`values`, `keys`, `frames`), so input
/// depth never turns into call depth. Errors are stored in `failure` and signalled by a nil
/// result, which keeps the inner loops free of error plumbing.
struct JSONParser {
    let base: UnsafePointer<UInt8>
    let count: Int
    let numbers: JSONReader.Numbers
    /// Decoder mode: stop after the first value and report `EOF`/`unexpected EOF`.
    let stream: Bool
    var pos = 0
    var failure: RuntimeError?
    /// A number out of float64 range: Go reports it only when the syntax is otherwise fine.
    var pendingRangeError: RuntimeError?
    /// Reused buffer for strings that need unescaping or repair.
    var scratch: [UInt8] = []

    init(base: UnsafePointer<UInt8>, count: Int, numbers: JSONReader.Numbers, stream: Bool) {
        self.base = base
        self.count = count
        self.numbers = numbers
        self.stream = stream
    }

    private struct Frame {
        var isObject: Bool
        var valueStart: Int
        var keyStart: Int
    }

    // MARK: - Document

    mutating func parseDocument() -> Value? {
        skipWhitespace()
        if pos >= count {
            failure = RuntimeError(stream ? "EOF" : "unexpected end of JSON input")
            return nil
        }
        guard let value = parseValues() else { return nil }
        if !stream {
            skipWhitespace()
            if pos < count { return fail(base[pos], "after top-level value") }
        }
        // Go reports a number beyond float64 only once the syntax has proved fine.
        if let pendingRangeError {
            failure = pendingRangeError
            return nil
        }
        return value
    }

    /// Parses one value, containers included, without recursion.
    private mutating func parseValues() -> Value? {
        var values = MoveStack<Value>(capacity: 32)
        var keys = MoveStack<String>(capacity: 16)
        var frames: [Frame] = []

        nextValue: while true {
            skipWhitespace()
            guard pos < count else { return failEOF() }
            var value: Value
            let c = base[pos]
            switch c {
            case UInt8(ascii: "{"):
                if frames.count >= JSONReader.maxDepth { return fail(c, "exceeded max depth") }
                pos += 1
                skipWhitespace()
                guard pos < count else { return failEOF() }
                if base[pos] == UInt8(ascii: "}") {
                    pos += 1
                    value = .object([:])
                } else {
                    guard let key = parseKey() else { return nil }
                    frames.append(Frame(isObject: true, valueStart: values.count, keyStart: keys.count))
                    keys.push(key)
                    continue nextValue
                }
            case UInt8(ascii: "["):
                if frames.count >= JSONReader.maxDepth { return fail(c, "exceeded max depth") }
                pos += 1
                skipWhitespace()
                guard pos < count else { return failEOF() }
                if base[pos] == UInt8(ascii: "]") {
                    pos += 1
                    value = .array([])
                } else {
                    frames.append(Frame(isObject: false, valueStart: values.count, keyStart: keys.count))
                    continue nextValue
                }
            case UInt8(ascii: "\""):
                guard let s = parseString() else { return nil }
                value = .string(s)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard let n = parseNumber() else { return nil }
                value = n
            case UInt8(ascii: "t"):
                guard parseLiteral("true") else { return nil }
                value = .bool(true)
            case UInt8(ascii: "f"):
                guard parseLiteral("false") else { return nil }
                value = .bool(false)
            case UInt8(ascii: "n"):
                guard parseLiteral("null") else { return nil }
                value = .null
            default:
                return fail(c, "looking for beginning of value")
            }

            // Hand the value to its container; close every container that ends here.
            while let frame = frames.last {
                values.push(value)
                skipWhitespace()
                guard pos < count else { return failEOF() }
                let d = base[pos]
                if frame.isObject {
                    if d == UInt8(ascii: ",") {
                        pos += 1
                        skipWhitespace()
                        guard let key = parseKey() else { return nil }
                        keys.push(key)
                        continue nextValue
                    }
                    guard d == UInt8(ascii: "}") else { return fail(d, "after object key:value pair") }
                    pos += 1
                    let n = values.count - frame.valueStart
                    var object = [String: Value](minimumCapacity: n)
                    for i in 0..<n {
                        // A later duplicate key replaces the earlier field, as in Go.
                        object[keys.take(frame.keyStart + i)] = values.take(frame.valueStart + i)
                    }
                    values.drop(from: frame.valueStart)
                    keys.drop(from: frame.keyStart)
                    frames.removeLast()
                    value = .object(object)
                } else {
                    if d == UInt8(ascii: ",") {
                        pos += 1
                        continue nextValue
                    }
                    guard d == UInt8(ascii: "]") else { return fail(d, "after array element") }
                    pos += 1
                    let array = values.popArray(from: frame.valueStart)
                    frames.removeLast()
                    value = .array(array)
                }
            }
            return value
        }
    }

    /// Reads `"key"` and the colon after it.
    private mutating func parseKey() -> String? {
        guard pos < count else { return failEOF() }
        guard base[pos] == UInt8(ascii: "\"") else {
            return fail(base[pos], "looking for beginning of object key string")
        }
        guard let key = parseString() else { return nil }
        skipWhitespace()
        guard pos < count else { return failEOF() }
        guard base[pos] == UInt8(ascii: ":") else { return fail(base[pos], "after object key") }
        pos += 1
        return key
    }

    @inline(__always)
    private mutating func skipWhitespace() {
        while pos < count {
            switch base[pos] {
            case 0x20, 0x0A, 0x0D, 0x09: pos += 1
            default: return
            }
        }
    }

    private mutating func parseLiteral(_ word: StaticString) -> Bool {
        let w = word.utf8Start
        let n = word.utf8CodeUnitCount
        pos += 1
        for i in 1..<n {
            guard pos < count else {
                _ = failEOF("in literal \(word) (expecting \(JSONParser.quoteChar(w[i])))") as Value?
                return false
            }
            if base[pos] != w[i] {
                _ = fail(base[pos], "in literal \(word) (expecting \(JSONParser.quoteChar(w[i])))") as Value?
                return false
            }
            pos += 1
        }
        return true
    }

    // MARK: - Strings

    /// Reads a string starting at its opening quote.
    private mutating func parseString() -> String? {
        pos += 1
        let start = pos
        while true {
            // Skip eight plain ASCII bytes at a time.
            while pos &+ 8 <= count {
                let word = UnsafeRawPointer(base + pos).loadUnaligned(as: UInt64.self)
                if JSONParser.needsAttention(word) { break }
                pos &+= 8
            }
            guard pos < count else { return failEOF() }
            let c = base[pos]
            if c == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeBufferPointer(start: base + start, count: pos - start), as: UTF8.self)
                pos += 1
                return s
            }
            if c == UInt8(ascii: "\\") { return parseStringSlow(from: start) }
            if c < 0x20 { return fail(c, "in string literal") }
            if c < 0x80 {
                pos += 1
            } else {
                let n = JSONParser.validSequenceLength(base, pos, count)
                if n == 0 { return parseStringSlow(from: start) }
                pos += n
            }
        }
    }

    /// True when an 8-byte word holds a quote, a backslash, a control byte or a non-ASCII byte.
    @inline(__always)
    static func needsAttention(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quote = w ^ (ones &* 0x22)
        let backslash = w ^ (ones &* 0x5C)
        let found =
            ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((w &- ones &* 0x20) & ~w) | w
        return found & highs != 0
    }

    /// The string from `start` on, with escapes decoded and bad UTF-8 replaced; `pos` is at
    /// the first byte that needs work.
    private mutating func parseStringSlow(from start: Int) -> String? {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(start: base + start, count: pos - start))
        while true {
            guard pos < count else { return failEOF() }
            let c = base[pos]
            if c == UInt8(ascii: "\"") {
                pos += 1
                return String(decoding: scratch, as: UTF8.self)
            }
            if c == UInt8(ascii: "\\") {
                pos += 1
                guard pos < count else { return failEOF("in string escape code") }
                let e = base[pos]
                pos += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(e)
                case UInt8(ascii: "b"): scratch.append(0x08)
                case UInt8(ascii: "f"): scratch.append(0x0C)
                case UInt8(ascii: "n"): scratch.append(0x0A)
                case UInt8(ascii: "r"): scratch.append(0x0D)
                case UInt8(ascii: "t"): scratch.append(0x09)
                case UInt8(ascii: "u"):
                    guard var scalar = readHex4() else { return nil }
                    if scalar >= 0xD800 && scalar < 0xE000 {
                        // A pair needs a high half then an escaped low half; anything else is U+FFFD
                        // and the following escape is read on its own.
                        if scalar < 0xDC00, let low = peekLowSurrogate() {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                            pos += 6
                        } else {
                            scalar = 0xFFFD
                        }
                    }
                    JSONParser.appendUTF8(scalar, to: &scratch)
                default:
                    return fail(e, "in string escape code")
                }
                continue
            }
            if c < 0x20 { return fail(c, "in string literal") }
            if c < 0x80 {
                scratch.append(c)
                pos += 1
                continue
            }
            let n = JSONParser.validSequenceLength(base, pos, count)
            if n == 0 {
                scratch.append(contentsOf: [0xEF, 0xBF, 0xBD])
                pos += 1
            } else {
                scratch.append(contentsOf: UnsafeBufferPointer(start: base + pos, count: n))
                pos += n
            }
        }
    }

    /// Reads the four hex digits of a `\u` escape.
    private mutating func readHex4() -> UInt32? {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard pos < count else { return failEOF("in \\u hexadecimal character escape") }
            let c = base[pos]
            guard let d = JSONParser.hexValue(c) else { return fail(c, "in \\u hexadecimal character escape") }
            v = v << 4 | d
            pos += 1
        }
        return v
    }

    /// The low surrogate escaped at `pos` (`\uDC00`–`\uDFFF`), without consuming it.
    private func peekLowSurrogate() -> UInt32? {
        guard pos + 6 <= count, base[pos] == UInt8(ascii: "\\"), base[pos + 1] == UInt8(ascii: "u") else {
            return nil
        }
        var v: UInt32 = 0
        for i in 2..<6 {
            guard let d = JSONParser.hexValue(base[pos + i]) else { return nil }
            v = v << 4 | d
        }
        return v >= 0xDC00 && v < 0xE000 ? v : nil
    }

    @inline(__always)
    static func hexValue(_ c: UInt8) -> UInt32? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(c - 48)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(c - 87)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(c - 55)
        default: nil
        }
    }

    static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | scalar >> 6))
            out.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | scalar >> 12))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(0xF0 | scalar >> 18))
            out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// The length of the well-formed UTF-8 sequence at `i`, or 0 if Go's `utf8.DecodeRune`
    /// would call it invalid there (it then consumes one byte).
    @inline(__always)
    static func validSequenceLength(_ p: UnsafePointer<UInt8>, _ i: Int, _ count: Int) -> Int {
        let c = p[i]
        @inline(__always) func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool {
            i + k < count && p[i + k] >= lo && p[i + k] <= hi
        }
        switch c {
        case 0xC2...0xDF:
            return cont(1) ? 2 : 0
        case 0xE0:
            return cont(1, 0xA0) && cont(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE, 0xEF:
            return cont(1) && cont(2) ? 3 : 0
        case 0xED:
            return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0
        case 0xF0:
            return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3:
            return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4:
            return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0
        default:
            return 0
        }
    }

    // MARK: - Numbers

    private static let exactPowers: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22,
    ]

    private mutating func parseNumber() -> Value? {
        let start = pos
        var negative = false
        if base[pos] == UInt8(ascii: "-") {
            negative = true
            pos += 1
            guard pos < count else { return failEOF("in numeric literal") }
        }
        var mantissa: UInt64 = 0
        var digits = 0  // significant digits held in `mantissa`
        var truncated = false
        var exp10 = 0
        var intDigits = 0
        let first = base[pos]
        if first == UInt8(ascii: "0") {
            pos += 1
            intDigits = 1
        } else if first >= UInt8(ascii: "1") && first <= UInt8(ascii: "9") {
            while pos < count {
                let d = base[pos] &- 48
                if d > 9 { break }
                if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(d)
                    digits += 1
                } else {
                    if d != 0 { truncated = true }
                    exp10 += 1
                }
                intDigits += 1
                pos += 1
            }
        } else {
            return fail(first, "in numeric literal")
        }
        var isFloat = false
        if pos < count && base[pos] == UInt8(ascii: ".") {
            isFloat = true
            pos += 1
            guard pos < count else { return failEOF("after decimal point in numeric literal") }
            guard base[pos] &- 48 <= 9 else { return fail(base[pos], "after decimal point in numeric literal") }
            while pos < count {
                let d = base[pos] &- 48
                if d > 9 { break }
                if mantissa == 0 && d == 0 {
                    exp10 -= 1
                } else if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(d)
                    digits += 1
                    exp10 -= 1
                } else if d != 0 {
                    truncated = true
                }
                pos += 1
            }
        }
        if pos < count && base[pos] | 0x20 == UInt8(ascii: "e") {
            isFloat = true
            pos += 1
            guard pos < count else { return failEOF("in exponent of numeric literal") }
            var expNegative = false
            if base[pos] == UInt8(ascii: "+") || base[pos] == UInt8(ascii: "-") {
                expNegative = base[pos] == UInt8(ascii: "-")
                pos += 1
                guard pos < count else { return failEOF("in exponent of numeric literal") }
            }
            guard base[pos] &- 48 <= 9 else { return fail(base[pos], "in exponent of numeric literal") }
            var e = 0
            while pos < count {
                let d = base[pos] &- 48
                if d > 9 { break }
                if e < 100_000 { e = e * 10 + Int(d) }
                pos += 1
            }
            exp10 += expNegative ? -e : e
        }

        if !isFloat && numbers == .integersWhenExact && intDigits <= 19 {
            if negative {
                if mantissa <= UInt64(Int64.max) { return .int(-Int64(mantissa)) }
                if mantissa == UInt64(Int64.max) + 1 { return .int(Int64.min) }
            } else if mantissa <= UInt64(Int64.max) {
                return .int(Int64(mantissa))
            }
        }
        // Exact in double arithmetic: Clinger's fast path, as Go's atof64exact.
        if !truncated && mantissa >> 53 == 0 {
            var f = Double(mantissa)
            if negative { f = -f }
            if mantissa == 0 { return .float(f) }
            if exp10 == 0 { return .float(f) }
            if exp10 > 0 && exp10 <= 22 {
                return .float(f * JSONParser.exactPowers[exp10])
            }
            if exp10 > 22 && exp10 <= 22 + 15 {
                // Move surplus zeros into the integer while it stays exact.
                let g = f * JSONParser.exactPowers[exp10 - 22]
                if g.magnitude <= 1e15 { return .float(g * 1e22) }
            } else if exp10 < 0 && exp10 >= -22 {
                return .float(f / JSONParser.exactPowers[-exp10])
            }
        }
        let text = String(decoding: UnsafeBufferPointer(start: base + start, count: pos - start), as: UTF8.self)
        guard let f = Double(text), f.isFinite else {
            if pendingRangeError == nil {
                pendingRangeError = RuntimeError("json: cannot unmarshal number \(text) into Go value of type float64")
            }
            return .float(0)
        }
        return .float(f)
    }

    // MARK: - Errors

    private mutating func fail<T>(_ c: UInt8, _ context: String) -> T? {
        failure = RuntimeError("invalid character \(JSONParser.quoteChar(c)) \(context)")
        return nil
    }

    /// The error for input that ends inside a value. Go's `json.Unmarshal` feeds the scanner
    /// one space at the end, so where a space is itself invalid (inside a literal, a number or
    /// an escape) it reports that space; pass the scanner's wording for such places as
    /// `spaceContext`.
    private mutating func failEOF<T>(_ spaceContext: @autoclosure () -> String? = nil) -> T? {
        if stream {
            failure = RuntimeError("unexpected EOF")
        } else if let context = spaceContext() {
            failure = RuntimeError("invalid character ' ' \(context)")
        } else {
            failure = RuntimeError("unexpected end of JSON input")
        }
        return nil
    }

    /// A byte quoted as Go's JSON scanner quotes it in errors: `'x'`, `'\n'`, `'\x01'`, `'"'`,
    /// `'\''`, and bytes from 0x80 shown as the Latin-1 character of that number.
    static func quoteChar(_ c: UInt8) -> String {
        switch c {
        case UInt8(ascii: "'"): return #"'\''"#
        case UInt8(ascii: "\""): return #"'"'"#
        case UInt8(ascii: "\\"): return #"'\\'"#
        case 0x07: return #"'\a'"#
        case 0x08: return #"'\b'"#
        case 0x0C: return #"'\f'"#
        case 0x0A: return #"'\n'"#
        case 0x0D: return #"'\r'"#
        case 0x09: return #"'\t'"#
        case 0x0B: return #"'\v'"#
        default: break
        }
        let hex: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f"]
        if c < 0x20 || c == 0x7F {
            return "'\\x\(hex[Int(c >> 4)])\(hex[Int(c & 0xF)])'"
        }
        if c < 0x80 || (c >= 0xA1 && c != 0xAD) {
            return "'\(Character(Unicode.Scalar(c)))'"
        }
        return "'\\u00\(hex[Int(c >> 4)])\(hex[Int(c & 0xF)])'"
    }
}
