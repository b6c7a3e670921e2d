/// Serialises values to JSON text byte for byte as Go's `encoding/json` does.
///
/// Object keys come out sorted by their UTF-8 bytes; `<`, `>` and `&` are escaped unless
/// `escapeHTML` is false (Benthos turns it off when it writes message contents, while
/// `json.Marshal`, `.string()` and `format_json()` keep it on); U+2028 and U+2029 are always
/// escaped. Bytes become base64 strings, timestamps RFC 3339 strings with nanoseconds, and the
/// `delete`/`nothing` sentinels `null`. Go refuses NaN and infinities; here they become `null`.
public enum JSONWriter {
    /// The compact form, as `json.Marshal`.
    public static func compact(_ value: Value, escapeHTML: Bool = true) -> [UInt8] {
        var sink = ByteSink(capacity: sizeHint(value))
        write(value, to: &sink, escapeHTML: escapeHTML)
        return sink.bytes
    }

    /// The compact form as a string.
    public static func compactString(_ value: Value, escapeHTML: Bool = true) -> String {
        var sink = ByteSink(capacity: sizeHint(value))
        write(value, to: &sink, escapeHTML: escapeHTML)
        return String(decoding: UnsafeBufferPointer(start: sink.base, count: sink.count), as: UTF8.self)
    }

    /// The indented form, as a `json.Encoder` with `SetIndent("", indent)`: one element per
    /// line, `": "` after keys, and `[]`/`{}` for empty containers. An empty `indent` gives the
    /// compact form, as the encoder does. `benthos blobl server`/`blobl -p` indent with two
    /// spaces; `format_json()` defaults to four.
    public static func pretty(_ value: Value, indent: String = "    ", escapeHTML: Bool = true) -> [UInt8] {
        var sink = ByteSink(capacity: sizeHint(value) * 2)
        writePretty(value, indent: indent, to: &sink, escapeHTML: escapeHTML)
        return sink.bytes
    }

    /// Appends the compact form of `value` to `out`.
    public static func append(_ value: Value, to out: inout [UInt8], escapeHTML: Bool = true) {
        var sink = ByteSink(capacity: sizeHint(value))
        write(value, to: &sink, escapeHTML: escapeHTML)
        sink.copy(to: &out)
    }

    /// Appends the indented form of `value` to `out` (see ``pretty(_:indent:escapeHTML:)``).
    public static func appendPretty(_ value: Value, indent: String, to out: inout [UInt8], escapeHTML: Bool = true) {
        var sink = ByteSink(capacity: sizeHint(value) * 2)
        writePretty(value, indent: indent, to: &sink, escapeHTML: escapeHTML)
        sink.copy(to: &out)
    }

    /// Throws Go's marshalling error for the first NaN or infinity in Go's output order
    /// (`json: unsupported value: NaN`), for callers that must fail where Go fails rather than
    /// write `null`.
    public static func checkEncodable(_ value: Value) throws(RuntimeError) {
        var pending: [Value] = [value]
        while let next = pending.popLast() {
            switch next {
            case .float(let f) where !f.isFinite:
                throw RuntimeError("json: unsupported value: \(GoFloatFormat.shortestG(f))")
            case .array(let elements):
                pending.append(contentsOf: elements.reversed())
            case .object(let fields):
                let keys = fields.keys.sorted(by: utf8Less)
                for key in keys.reversed() {
                    if let field = fields[key] { pending.append(field) }
                }
            default:
                break
            }
        }
    }

    // MARK: - Values

    /// Containers nested deeper than this are written by ``DeepWriter`` instead of by
    /// recursion, so that no document can exhaust the stack.
    static let recursionLimit = 48

    static func write(_ value: Value, to out: inout ByteSink, escapeHTML: Bool, depth: Int = 0) {
        switch value {
        case .null, .delete, .nothing:
            out.append("null")
        case .bool(let b):
            if b { out.append("true") } else { out.append("false") }
        case .int(let i):
            let p = out.reserve(21)
            if i < 0 {
                p[0] = UInt8(ascii: "-")
                out.advance(by: 1 + GoFloatFormat.writeInteger(i.magnitude, to: p + 1))
            } else {
                out.advance(by: GoFloatFormat.writeInteger(UInt64(i), to: p))
            }
        case .uint(let u):
            out.advance(by: GoFloatFormat.writeInteger(u, to: out.reserve(20)))
        case .float(let f):
            out.advance(by: GoFloatFormat.writeJSON(f, to: out.reserve(GoFloatFormat.maxJSONLength)))
        case .string(let s):
            writeString(s, to: &out, escapeHTML: escapeHTML)
        case .bytes(let b):
            out.append(UInt8(ascii: "\""))
            JSONBase64.write(b, to: &out)
            out.append(UInt8(ascii: "\""))
        case .timestamp(let t):
            writeString(t.rfc3339Nano, to: &out, escapeHTML: escapeHTML)
        case .array where depth >= recursionLimit, .object where depth >= recursionLimit:
            let noIndent = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
            DeepWriter.write(value, indent: noIndent, depth: 0, to: &out, escapeHTML: escapeHTML)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            elements.withUnsafeBufferPointer { elements in
                for i in elements.indices {
                    if i > 0 { out.append(UInt8(ascii: ",")) }
                    write(elements[i], to: &out, escapeHTML: escapeHTML, depth: depth + 1)
                }
            }
            out.append(UInt8(ascii: "]"))
        case .object(let fields):
            out.append(UInt8(ascii: "{"))
            if fields.count == 1, let only = fields.first {
                writeString(only.key, to: &out, escapeHTML: escapeHTML)
                out.append(UInt8(ascii: ":"))
                write(only.value, to: &out, escapeHTML: escapeHTML, depth: depth + 1)
            } else if !fields.isEmpty {
                withSortedIndices(fields) { order in
                    var first = true
                    for entry in order {
                        if !first { out.append(UInt8(ascii: ",")) }
                        first = false
                        writeString(fields.keys[entry.index], to: &out, escapeHTML: escapeHTML)
                        out.append(UInt8(ascii: ":"))
                        write(fields.values[entry.index], to: &out, escapeHTML: escapeHTML, depth: depth + 1)
                    }
                }
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    static func writePretty(_ value: Value, indent: String, to out: inout ByteSink, escapeHTML: Bool) {
        if indent.isEmpty {
            write(value, to: &out, escapeHTML: escapeHTML)
            return
        }
        let indentBytes = Array(indent.utf8)
        indentBytes.withUnsafeBufferPointer { indent in
            writePretty(value, indent: indent, depth: 0, to: &out, escapeHTML: escapeHTML)
        }
    }

    private static func writePretty(
        _ value: Value, indent: UnsafeBufferPointer<UInt8>, depth: Int, to out: inout ByteSink, escapeHTML: Bool
    ) {
        switch value {
        case .array where depth >= recursionLimit, .object where depth >= recursionLimit:
            DeepWriter.write(value, indent: indent, depth: depth, to: &out, escapeHTML: escapeHTML)
        case .array(let elements) where !elements.isEmpty:
            out.append(UInt8(ascii: "["))
            var first = true
            for element in elements {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                newline(depth + 1, indent, &out)
                writePretty(element, indent: indent, depth: depth + 1, to: &out, escapeHTML: escapeHTML)
            }
            newline(depth, indent, &out)
            out.append(UInt8(ascii: "]"))
        case .object(let fields) where !fields.isEmpty:
            out.append(UInt8(ascii: "{"))
            withSortedIndices(fields) { order in
                var first = true
                for entry in order {
                    if !first { out.append(UInt8(ascii: ",")) }
                    first = false
                    newline(depth + 1, indent, &out)
                    let field = fields[entry.index]
                    writeString(field.key, to: &out, escapeHTML: escapeHTML)
                    out.append(UInt8(ascii: ":"), UInt8(ascii: " "))
                    writePretty(field.value, indent: indent, depth: depth + 1, to: &out, escapeHTML: escapeHTML)
                }
            }
            newline(depth, indent, &out)
            out.append(UInt8(ascii: "}"))
        default:
            write(value, to: &out, escapeHTML: escapeHTML)
        }
    }

    @inline(__always)
    static func newline(_ depth: Int, _ indent: UnsafeBufferPointer<UInt8>, _ out: inout ByteSink) {
        out.append(UInt8(ascii: "\n"))
        for _ in 0..<depth { out.append(indent) }
    }

    // MARK: - Objects

    /// An object field's place in Go's order: its key's first eight UTF-8 bytes, big-endian,
    /// decide most comparisons without touching the strings.
    struct SortEntry {
        var prefix: UInt64
        var index: Dictionary<String, Value>.Index
    }

    /// Calls `body` with the fields' indices in the order Go writes them: keys sorted by their
    /// UTF-8 bytes. The order lives in stack memory for ordinary objects.
    @inline(__always)
    static func withSortedIndices(
        _ fields: [String: Value], _ body: (UnsafeMutableBufferPointer<SortEntry>) -> Void
    ) {
        withUnsafeTemporaryAllocation(of: SortEntry.self, capacity: fields.count) { order in
            var n = 0
            var i = fields.startIndex
            while i != fields.endIndex {
                (order.baseAddress.unsafelyUnwrapped + n).initialize(
                    to: SortEntry(prefix: keyPrefix(fields.keys[i]), index: i))
                n += 1
                fields.formIndex(after: &i)
            }
            var sorted = UnsafeMutableBufferPointer(rebasing: order[0..<n])
            if n <= 12 {
                // Insertion sort: objects are usually small.
                var j = 1
                while j < n {
                    let entry = sorted[j]
                    var k = j
                    while k > 0 && precedes(entry, sorted[k - 1], fields) {
                        sorted[k] = sorted[k - 1]
                        k -= 1
                    }
                    sorted[k] = entry
                    j += 1
                }
            } else {
                sorted.sort { precedes($0, $1, fields) }
            }
            body(sorted)
            _ = sorted.deinitialize()
        }
    }

    @inline(__always)
    private static func precedes(_ a: SortEntry, _ b: SortEntry, _ fields: [String: Value]) -> Bool {
        if a.prefix != b.prefix { return a.prefix < b.prefix }
        return utf8Less(fields.keys[a.index], fields.keys[b.index])
    }

    @inline(__always)
    static func keyPrefix(_ key: String) -> UInt64 {
        if let p = key.utf8.withContiguousStorageIfAvailable({ prefix(of: $0) }) { return p }
        var copy = key
        return copy.withUTF8 { prefix(of: $0) }
    }

    @inline(__always)
    private static func prefix(of bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var v: UInt64 = 0
        let n = min(bytes.count, 8)
        for i in 0..<n { v |= UInt64(bytes[i]) << UInt64(56 - 8 * i) }
        return v
    }

    /// Byte-wise UTF-8 order, which is Go's string order (Swift's `<` orders by canonical
    /// equivalence instead).
    public static func utf8Less(_ a: String, _ b: String) -> Bool {
        var a = a
        var b = b
        return a.withUTF8 { pa in
            b.withUTF8 { pb in
                let n = min(pa.count, pb.count)
                var i = 0
                while i < n {
                    let x = pa[i]
                    let y = pb[i]
                    if x != y { return x < y }
                    i += 1
                }
                return pa.count < pb.count
            }
        }
    }

    // MARK: - Strings

    /// Appends `s` as a quoted JSON string with Go's escapes.
    public static func appendString(_ s: String, to out: inout [UInt8], escapeHTML: Bool = true) {
        var sink = ByteSink(capacity: s.utf8.count + 8)
        writeString(s, to: &sink, escapeHTML: escapeHTML)
        sink.copy(to: &out)
    }

    /// Appends raw bytes as a quoted JSON string, as Go writes a Go string: invalid UTF-8
    /// bytes become `\ufffd`.
    public static func appendQuoted(bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8], escapeHTML: Bool = true) {
        var sink = ByteSink(capacity: bytes.count + 8)
        writeQuoted(bytes, to: &sink, escapeHTML: escapeHTML)
        sink.copy(to: &out)
    }

    @inline(__always)
    static func writeString(_ s: String, to out: inout ByteSink, escapeHTML: Bool) {
        var s = s
        s.withUTF8 { writeQuoted($0, to: &out, escapeHTML: escapeHTML) }
    }

    static func writeQuoted(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout ByteSink, escapeHTML: Bool) {
        out.append(UInt8(ascii: "\""))
        guard let p = bytes.baseAddress else {
            out.append(UInt8(ascii: "\""))
            return
        }
        let n = bytes.count
        var start = 0
        var i = 0
        while i < n {
            // Skip eight bytes at a time while they are plain printable ASCII with nothing to escape.
            while i &+ 8 <= n {
                let word = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                if JSONWriter.needsEscapeCheck(word) { break }
                i &+= 8
            }
            if i >= n { break }
            let c = p[i]
            if c < 0x80 {
                let escaped: Bool
                switch c {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                    escaped = true
                case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"):
                    escaped = escapeHTML
                default:
                    escaped = c < 0x20
                }
                if !escaped {
                    i += 1
                    continue
                }
                out.append(p + start, count: i - start)
                switch c {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"), c)
                case 0x08: out.append(UInt8(ascii: "\\"), UInt8(ascii: "b"))
                case 0x0C: out.append(UInt8(ascii: "\\"), UInt8(ascii: "f"))
                case 0x0A: out.append(UInt8(ascii: "\\"), UInt8(ascii: "n"))
                case 0x0D: out.append(UInt8(ascii: "\\"), UInt8(ascii: "r"))
                case 0x09: out.append(UInt8(ascii: "\\"), UInt8(ascii: "t"))
                default:
                    out.append("\\u00")
                    out.append(JSONWriter.hexDigit(c >> 4), JSONWriter.hexDigit(c & 0xF))
                }
                i += 1
                start = i
                continue
            }
            let length = JSONParser.validSequenceLength(p, i, n)
            if length == 0 {
                out.append(p + start, count: i - start)
                out.append("\\ufffd")
                i += 1
                start = i
                continue
            }
            if length == 3 && c == 0xE2 && p[i + 1] == 0x80 && p[i + 2] & 0xFE == 0xA8 {
                // U+2028 and U+2029 break JavaScript string literals; Go escapes them.
                out.append(p + start, count: i - start)
                out.append(p[i + 2] == 0xA8 ? "\\u2028" : "\\u2029")
                i += 3
                start = i
                continue
            }
            i += length
        }
        out.append(p + start, count: n - start)
        out.append(UInt8(ascii: "\""))
    }

    /// True when an 8-byte word may hold a byte that needs escaping or UTF-8 checking.
    @inline(__always)
    static func needsEscapeCheck(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func zeroByte(_ x: UInt64) -> UInt64 { (x &- ones) & ~x }
        let found =
            zeroByte(w ^ (ones &* 0x22)) | zeroByte(w ^ (ones &* 0x5C)) | zeroByte(w ^ (ones &* 0x3C))
            | zeroByte(w ^ (ones &* 0x3E)) | zeroByte(w ^ (ones &* 0x26)) | ((w &- ones &* 0x20) & ~w) | w
        return found & highs != 0
    }

    @inline(__always)
    static func hexDigit(_ v: UInt8) -> UInt8 {
        v < 10 ? v + 48 : v + 87
    }

    // MARK: - Bytes

    /// Appends bytes as a quoted standard base64 string, as Go marshals `[]byte`.
    public static func appendBase64(_ bytes: [UInt8], to out: inout [UInt8]) {
        var sink = ByteSink(capacity: bytes.count / 3 * 4 + 8)
        sink.append(UInt8(ascii: "\""))
        JSONBase64.write(bytes, to: &sink)
        sink.append(UInt8(ascii: "\""))
        sink.copy(to: &out)
    }

    /// A cheap first guess at the output size, to save most buffer regrowth.
    static func sizeHint(_ value: Value) -> Int {
        switch value {
        case .array(let a): 16 + a.count * 16
        case .object(let o): 16 + o.count * 32
        case .string(let s): s.utf8.count + 2
        default: 24
        }
    }
}

/// Standard base64 with padding (RFC 4648 §4).
enum JSONBase64 {
    private static let alphabet: [UInt8] = Array(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func write(_ bytes: [UInt8], to out: inout ByteSink) {
        alphabet.withUnsafeBufferPointer { table in
            var i = 0
            let n = bytes.count
            while i + 3 <= n {
                let v = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
                out.append(table[Int(v >> 18 & 63)])
                out.append(table[Int(v >> 12 & 63)])
                out.append(table[Int(v >> 6 & 63)])
                out.append(table[Int(v & 63)])
                i += 3
            }
            let rest = n - i
            if rest == 1 {
                let v = UInt32(bytes[i]) << 16
                out.append(table[Int(v >> 18 & 63)])
                out.append(table[Int(v >> 12 & 63)])
                out.append(UInt8(ascii: "="))
                out.append(UInt8(ascii: "="))
            } else if rest == 2 {
                let v = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8
                out.append(table[Int(v >> 18 & 63)])
                out.append(table[Int(v >> 12 & 63)])
                out.append(table[Int(v >> 6 & 63)])
                out.append(UInt8(ascii: "="))
            }
        }
    }
}
