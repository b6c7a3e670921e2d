import Bloblang
import Testing

// Expected texts were checked against Go's encoding/json and strconv.

/// A compact rendering that keeps the number kind: `i1`, `f1.5`, `s"x"`, `[..]`, `{k:..}`.
private func tagged(_ value: Value) -> String {
    switch value {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .int(let i): return "i\(i)"
    case .uint(let u): return "u\(u)"
    case .float(let f): return "f\(f)"
    case .string(let s): return "s\"\(s)\""
    case .bytes(let b): return "b\(b)"
    case .array(let a): return "[" + a.map(tagged).joined(separator: ",") + "]"
    case .object(let o):
        let fields = o.sorted { JSONWriter.utf8Less($0.key, $1.key) }.map { "\($0.key):\(tagged($0.value))" }
        return "{" + fields.joined(separator: ",") + "}"
    case .timestamp(let t): return "t\(t.seconds)"
    case .delete: return "delete"
    case .nothing: return "nothing"
    }
}

private func compact(_ value: Value, escapeHTML: Bool = true) -> String {
    JSONWriter.compactString(value, escapeHTML: escapeHTML)
}

private func parseError(_ bytes: [UInt8], stream: Bool = false) -> String? {
    do {
        if stream {
            _ = try JSONReader.decodeFirst(bytes)
        } else {
            _ = try JSONReader.parse(bytes)
        }
        return nil
    } catch {
        return error.message
    }
}

@Suite("JSON reader")
struct JSONReaderTests {
    @Test(
        "round trips to Go's compact form",
        arguments: [
            (#" {"b":1,"a":[true,false,null],"c":{"z":"y"}} "#, #"{"a":[true,false,null],"b":1,"c":{"z":"y"}}"#),
            ("[]", "[]"), ("{}", "{}"), ("[[]]", "[[]]"), ("[{}]", "[{}]"),
            ("\t\r\n 1 \t\r\n", "1"),
            (#"{"a":1,"a":2}"#, #"{"a":2}"#),
            (#"{"a":{"b":{"c":[1,{"d":2}]}}}"#, #"{"a":{"b":{"c":[1,{"d":2}]}}}"#),
            ("1.0", "1"), ("-0", "0"), ("-0.0", "-0"), ("1e21", "1e+21"), ("1e20", "100000000000000000000"),
            ("0.000001", "0.000001"), ("0.0000001", "1e-7"), ("1E2", "100"), ("1e-2", "0.01"), ("0.1e1", "1"),
            ("-1.5E+3", "-1500"), ("12345678901234567890", "12345678901234567000"),
            ("9223372036854775807", "9223372036854775807"), ("-9223372036854775808", "-9223372036854775808"),
            ("9223372036854775808", "9223372036854776000"), ("1e-99999999", "0"),
            ("0.1234567890123456789012345", "0.12345678901234568"),
            (#""<>&""#, #""\u003c\u003e\u0026""#),
            (#""\u2028\u2029""#, #""\u2028\u2029""#),
            (#""\u00e9""#, #""é""#), (#""\u0000""#, #""\u0000""#), (#"{"":1}"#, #"{"":1}"#),
        ])
    func roundTrip(input: String, expected: String) throws {
        let value = try JSONReader.parse(input)
        #expect(compact(value) == expected)
    }

    @Test(
        "number kinds",
        arguments: [
            ("0", "i0"), ("-0", "i0"), ("42", "i42"), ("-42", "i-42"),
            ("9223372036854775807", "i9223372036854775807"), ("-9223372036854775808", "i-9223372036854775808"),
            ("9223372036854775808", "f9.223372036854776e+18"), ("18446744073709551615", "f1.8446744073709552e+19"),
            ("-9223372036854775809", "f-9.223372036854776e+18"), ("1.0", "f1.0"), ("1e2", "f100.0"), ("-0.0", "f-0.0"),
            ("0.1", "f0.1"), ("1.7976931348623157e308", "f1.7976931348623157e+308"), ("5e-324", "f5e-324"),
            ("123456789012345678901234567890", "f1.2345678901234568e+29"), ("1e23", "f1e+23"),
            ("[1,1.5,-2]", "[i1,f1.5,i-2]"),
        ])
    func numberKinds(input: String, expected: String) throws {
        #expect(tagged(try JSONReader.parse(input)) == expected)
    }

    @Test("all-float mode reads every number as a float")
    func allFloats() throws {
        let value = try JSONReader.parse("[1,-0,9223372036854775807]", numbers: .allFloats)
        #expect(tagged(value) == "[f1.0,f-0.0,f9.223372036854776e+18]")
    }

    @Test(
        "every escape",
        arguments: [
            (#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{8}\u{C}\n\r\t"),
            (#""\u0041\u00e9\u20AC\uFFFF""#, "Aé€\u{FFFF}"),
            (#""\ud83d\ude00""#, "😀"),
            (#""\uD83D\uDE00x""#, "😀x"),
            (#""\ud800""#, "\u{FFFD}"),
            (#""\ud800\u0041""#, "\u{FFFD}A"),
            (#""\udc00\ud800\udc00""#, "\u{FFFD}𐀀"),
            (#""\ud800\ud800""#, "\u{FFFD}\u{FFFD}"),
            (#""\ud800x""#, "\u{FFFD}x"),
            (#""plain ascii that is longer than eight bytes""#, "plain ascii that is longer than eight bytes"),
            (#""mixed: añb → 😀 and \n escape""#, "mixed: añb → 😀 and \n escape"),
        ])
    func escapes(input: String, expected: String) throws {
        let value = try JSONReader.parse(input)
        guard case .string(let s) = value else {
            Issue.record("not a string: \(tagged(value))")
            return
        }
        #expect(Array(s.unicodeScalars) == Array(expected.unicodeScalars))
    }

    @Test(
        "invalid UTF-8 becomes U+FFFD byte by byte, as in Go",
        arguments: [
            ([0x22, 0x61, 0xFF, 0x62, 0x22], "a\u{FFFD}b"),
            ([0x22, 0xE2, 0x82, 0x22], "\u{FFFD}\u{FFFD}"),
            ([0x22, 0xED, 0xA0, 0x80, 0x22], "\u{FFFD}\u{FFFD}\u{FFFD}"),
            ([0x22, 0xC0, 0xAF, 0x22], "\u{FFFD}\u{FFFD}"),
            ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}"),
            ([0x22, 0xF0, 0x9F, 0x98, 0x22], "\u{FFFD}\u{FFFD}\u{FFFD}"),
            ([0x22, 0xF0, 0x9F, 0x98, 0x80, 0x22], "😀"),
            ([0x22, 0x5C, 0x6E, 0xFF, 0x22], "\n\u{FFFD}"),
        ] as [([UInt8], String)])
    func invalidUTF8(input: [UInt8], expected: String) throws {
        let value = try JSONReader.parse(input)
        guard case .string(let s) = value else {
            Issue.record("not a string: \(tagged(value))")
            return
        }
        #expect(Array(s.unicodeScalars) == Array(expected.unicodeScalars))
    }

    @Test(
        "syntax errors read as Go's",
        arguments: [
            ("", "unexpected end of JSON input"),
            ("   ", "unexpected end of JSON input"),
            ("hello", "invalid character 'h' looking for beginning of value"),
            (#"{"a" 1}"#, "invalid character '1' after object key"),
            (#"{"a":1 "b":2}"#, #"invalid character '"' after object key:value pair"#),
            ("[1 2]", "invalid character '2' after array element"),
            ("{1:2}", "invalid character '1' looking for beginning of object key string"),
            ("[1,]", "invalid character ']' looking for beginning of value"),
            (#"{"a":1,}"#, "invalid character '}' looking for beginning of object key string"),
            ("tru", "invalid character ' ' in literal true (expecting 'e')"),
            ("trux", "invalid character 'x' in literal true (expecting 'e')"),
            ("nulx", "invalid character 'x' in literal null (expecting 'l')"),
            ("not json", "invalid character 'o' in literal null (expecting 'u')"),
            ("falsy", "invalid character 'y' in literal false (expecting 'e')"),
            ("-", "invalid character ' ' in numeric literal"),
            ("-a", "invalid character 'a' in numeric literal"),
            ("[-]", "invalid character ']' in numeric literal"),
            ("1.", "invalid character ' ' after decimal point in numeric literal"),
            ("[1.e5]", "invalid character 'e' after decimal point in numeric literal"),
            ("1e", "invalid character ' ' in exponent of numeric literal"),
            ("1e+a", "invalid character 'a' in exponent of numeric literal"),
            ("01", "invalid character '1' after top-level value"),
            (#"{"a":01}"#, "invalid character '1' after object key:value pair"),
            ("{} x", "invalid character 'x' after top-level value"),
            ("1 2", "invalid character '2' after top-level value"),
            (#""abc"#, "unexpected end of JSON input"),
            ("\"a\u{1}\"", #"invalid character '\x01' in string literal"#),
            ("\"a\nb\"", #"invalid character '\n' in string literal"#),
            (#""\x""#, "invalid character 'x' in string escape code"),
            (#""\"#, "invalid character ' ' in string escape code"),
            (#""\u12x4""#, #"invalid character 'x' in \u hexadecimal character escape"#),
            (#""\u12"#, #"invalid character ' ' in \u hexadecimal character escape"#),
            (#""\ud800\u12""#, #"invalid character '"' in \u hexadecimal character escape"#),
            ("'a'", #"invalid character '\'' looking for beginning of value"#),
            ("\u{B}1", #"invalid character '\v' looking for beginning of value"#),
            ("\u{FEFF}{}", "invalid character 'ï' looking for beginning of value"),
            ("1e400", "json: cannot unmarshal number 1e400 into Go value of type float64"),
            ("[1e400] x", "invalid character 'x' after top-level value"),
            ("[1e400", "unexpected end of JSON input"),
        ])
    func syntaxErrors(input: String, expected: String) {
        #expect(parseError(Array(input.utf8)) == expected)
    }

    @Test(
        "bytes outside ASCII are named as Go names them",
        arguments: [
            (0xFF, "'ÿ'"), (0x80, #"'\u0080'"#), (0xA0, #"'\u00a0'"#), (0xAD, #"'\u00ad'"#), (0xE9, "'é'"),
            (0x7F, #"'\x7f'"#), (0x00, #"'\x00'"#),
        ] as [(UInt8, String)])
    func byteNames(byte: UInt8, quoted: String) {
        #expect(parseError([byte]) == "invalid character \(quoted) looking for beginning of value")
    }

    @Test("every cut-off prefix of a document is an unexpected end")
    func truncated() {
        let doc = Array(#"{"a":[1,2.5,{"b":"x\u00e9\n"}],"c":true,"d":null,"e":"long string value"}"#.utf8)
        for n in 0..<doc.count {
            let message = parseError(Array(doc[0..<n]))
            let spaceErrors = message?.hasPrefix("invalid character ' ' ") ?? false
            #expect(message == "unexpected end of JSON input" || spaceErrors, "prefix \(n): \(message ?? "parsed")")
            #expect(parseError(Array(doc[0..<n]), stream: true) == (n == 0 ? "EOF" : "unexpected EOF"))
        }
        #expect(parseError(doc) == nil)
    }

    @Test("nesting up to 10000 levels parses; deeper is an error, not a crash")
    func deepNesting() throws {
        let ok = Array(repeating: UInt8(ascii: "["), count: 10_000) + Array(repeating: UInt8(ascii: "]"), count: 10_000)
        let value = try JSONReader.parse(ok)
        #expect(compact(value).utf8.count == 20_000)
        let tooDeep = Array(repeating: UInt8(ascii: "["), count: 10_001)
        #expect(parseError(tooDeep) == "invalid character '[' exceeded max depth")
        let objects = Array(String(repeating: #"{"a":"#, count: 10_001).utf8)
        #expect(parseError(objects) == "invalid character '{' exceeded max depth")
        let huge = Array(repeating: UInt8(ascii: "["), count: 1_000_000)
        #expect(parseError(huge) == "invalid character '[' exceeded max depth")
    }

    @Test(
        "decoder mode reads the first value and ignores the rest",
        arguments: [
            ("123abc", "123", 3), ("truex", "true", 4), (#"{"a":1} {"b":2}"#, #"{"a":1}"#, 7), (#""a"x"#, #""a""#, 3),
            ("[1]]", "[1]", 3), ("01", "0", 1), ("  null  ", "null", 6),
        ])
    func decoderMode(input: String, expected: String, end: Int) throws {
        let (value, offset) = try JSONReader.decodeFirst(input)
        #expect(compact(value) == expected)
        #expect(offset == end)
    }

    @Test(
        "decoder mode errors read as Go's json.Decoder",
        arguments: [
            ("", "EOF"), ("  \n", "EOF"), (#"{"name":"#, "unexpected EOF"), ("tru", "unexpected EOF"),
            ("-", "unexpected EOF"),
            ("not json", "invalid character 'o' in literal null (expecting 'u')"),
            ("[1e400] x", "json: cannot unmarshal number 1e400 into Go value of type float64"),
        ])
    func decoderErrors(input: String, expected: String) {
        #expect(parseError(Array(input.utf8), stream: true) == expected)
    }

    @Test("every input form parses the same")
    func inputForms() throws {
        let text = #"{"k":[1,"two",3.5]}"#
        let bytes = Array(text.utf8)
        let expected = #"{"k":[1,"two",3.5]}"#
        #expect(compact(try JSONReader.parse(text)) == expected)
        #expect(compact(try JSONReader.parse(bytes)) == expected)
        let padded = [UInt8(ascii: "x")] + bytes + [UInt8(ascii: "y")]
        #expect(compact(try JSONReader.parse(padded[1..<(padded.count - 1)])) == expected)
        let fromRaw = try bytes.withUnsafeBytes { raw throws(RuntimeError) in try JSONReader.parse(raw) }
        #expect(compact(fromRaw) == expected)
    }

    @Test("a 10 MB string parses and round-trips")
    func largeString() throws {
        var body = String(repeating: "abcdefghij", count: 1_000_000)
        body += "é\n\"<"
        let doc = JSONWriter.compact(.object(["s": .string(body)]), escapeHTML: false)
        #expect(doc.count > 10_000_000)
        let value = try JSONReader.parse(doc)
        guard case .object(let o) = value, case .string(let s) = o["s"] else {
            Issue.record("unexpected shape")
            return
        }
        #expect(s.utf8.count == body.utf8.count)
        #expect(s == body)
    }
}

@Suite("JSON writer")
struct JSONWriterTests {
    @Test("object keys are sorted by UTF-8 bytes")
    func sortedKeys() {
        let value: Value = ["b": 1, "a": 2, "B": 3, "é": 4, "aa": 5, "": 6, "z": 7, "\u{1F600}": 8, "ÿ": 9]
        #expect(compact(value) == #"{"":6,"B":3,"a":2,"aa":5,"b":1,"z":7,"é":4,"ÿ":9,"😀":8}"#)
    }

    @Test(
        "string escapes",
        arguments: [
            ("\"\\/", #""\"\\/""#),
            ("\u{8}\u{C}\n\r\t", #""\b\f\n\r\t""#),
            ("\u{0}\u{1}\u{1F}\u{7F}", "\"\\u0000\\u0001\\u001f\u{7F}\""),
            ("<a href=\"x\">&amp;</a>", #""\u003ca href=\"x\"\u003e\u0026amp;\u003c/a\u003e""#),
            ("\u{2028}\u{2029}\u{2027}\u{202A}", "\"\\u2028\\u2029\u{2027}\u{202A}\""),
            ("héllo wörld → 😀 \u{FFFD}", "\"héllo wörld → 😀 \u{FFFD}\""),
            ("a long plain ascii string with no escapes", #""a long plain ascii string with no escapes""#),
            ("", #""""#),
        ])
    func stringEscapes(input: String, expected: String) {
        #expect(compact(.string(input)) == expected)
    }

    @Test("HTML escaping can be turned off")
    func noHTMLEscape() {
        #expect(compact(.string("<&>\u{2028}"), escapeHTML: false) == "\"<&>\\u2028\"")
    }

    @Test("invalid UTF-8 in raw bytes is written as \\ufffd")
    func invalidBytes() {
        var out: [UInt8] = []
        let bytes: [UInt8] = [0x61, 0xFF, 0xE2, 0x82, 0x62, 0xE2, 0x80, 0xA8]
        bytes.withUnsafeBufferPointer { JSONWriter.appendQuoted(bytes: $0, to: &out) }
        #expect(String(decoding: out, as: UTF8.self) == #""a\ufffd\ufffd\ufffdb\u2028""#)
    }

    @Test(
        "scalars",
        arguments: [
            (Value.null, "null"), (.delete, "null"), (.nothing, "null"), (.bool(true), "true"), (.bool(false), "false"),
            (.int(Int64.min), "-9223372036854775808"), (.uint(UInt64.max), "18446744073709551615"),
            (.float(.nan), "null"), (.float(.infinity), "null"), (.float(-2.5), "-2.5"),
            (.bytes(Array("foo".utf8)), #""Zm9v""#), (.bytes([0, 1, 2, 3]), #""AAECAw==""#),
            (.bytes([0xFF, 0xFE]), #""//4=""#),
            (.bytes([]), #""""#), (.timestamp(Timestamp(seconds: 0)), #""1970-01-01T00:00:00Z""#),
            (.array([.float(.nan), .nothing]), "[null,null]"),
        ])
    func scalars(value: Value, expected: String) {
        #expect(compact(value) == expected)
    }

    @Test("pretty printing matches Go's indented encoder")
    func pretty() {
        let value: Value = ["a": [1, 2], "b": [:], "c": [], "d": ["x": "y"]]
        let two = String(decoding: JSONWriter.pretty(value, indent: "  "), as: UTF8.self)
        let expected = """
            {
              "a": [
                1,
                2
              ],
              "b": {},
              "c": [],
              "d": {
                "x": "y"
              }
            }
            """
        #expect(two == expected)
        let four = String(decoding: JSONWriter.pretty(["foo": "bar"]), as: UTF8.self)
        #expect(four == "{\n    \"foo\": \"bar\"\n}")
        let tab = String(decoding: JSONWriter.pretty([1], indent: "\t"), as: UTF8.self)
        #expect(tab == "[\n\t1\n]")
        #expect(String(decoding: JSONWriter.pretty(value, indent: ""), as: UTF8.self) == compact(value))
        #expect(String(decoding: JSONWriter.pretty("<"), as: UTF8.self) == #""\u003c""#)
        #expect(String(decoding: JSONWriter.pretty("<", escapeHTML: false), as: UTF8.self) == #""<""#)
    }

    @Test("values nested past the recursion limit are written the same way")
    func deepValues() throws {
        var value: Value = ["leaf": [1, "x"], "b": [:], "c": []]
        for i in 0..<200 {
            value = i % 2 == 0 ? .array([value, .int(Int64(i))]) : .object(["z": value, "a": .bool(true)])
        }
        #expect(compact(value) == reference(value, indent: nil, level: 0))
        let pretty = String(decoding: JSONWriter.pretty(value, indent: " "), as: UTF8.self)
        #expect(pretty == reference(value, indent: " ", level: 0))
        #expect(compact(try JSONReader.parse(pretty)) == compact(value))

        var deep: Value = [:]
        for _ in 0..<10_000 { deep = ["k": deep] }
        let text = String(decoding: JSONWriter.pretty(deep, indent: ""), as: UTF8.self)
        #expect(text == String(repeating: #"{"k":"#, count: 10_000) + "{}" + String(repeating: "}", count: 10_000))
        var deepPretty: Value = [:]
        for _ in 0..<2_000 { deepPretty = ["k": deepPretty] }
        // Level L adds "{", a newline, L+1 tabs, `"k": `, a newline, L tabs and "}".
        #expect(JSONWriter.pretty(deepPretty, indent: "\t").count == (0..<2_000).reduce(2) { $0 + 2 * $1 + 10 })
    }

    /// A plain recursive rendering of Go's layout to check the writer against.
    private func reference(_ value: Value, indent: String?, level: Int) -> String {
        let pad = { (n: Int) in indent.map { "\n" + String(repeating: $0, count: n) } ?? "" }
        switch value {
        case .array(let a) where !a.isEmpty:
            let elements = a.map { pad(level + 1) + reference($0, indent: indent, level: level + 1) }
            return "[" + elements.joined(separator: ",") + pad(level) + "]"
        case .object(let o) where !o.isEmpty:
            let sep = indent == nil ? ":" : ": "
            let fields = o.sorted { JSONWriter.utf8Less($0.key, $1.key) }.map {
                pad(level + 1) + "\"\($0.key)\"" + sep + reference($0.value, indent: indent, level: level + 1)
            }
            return "{" + fields.joined(separator: ",") + pad(level) + "}"
        default:
            return compact(value)
        }
    }

    @Test("NaN and infinities can be refused as Go refuses them")
    func unsupportedValues() {
        #expect(throws: Never.self) { try JSONWriter.checkEncodable(["a": [1.5, "x", [:]]]) }
        let value: Value = ["b": .float(-.infinity), "a": [1, .float(.nan)], "c": .float(.infinity)]
        #expect(throws: RuntimeError("json: unsupported value: NaN")) { try JSONWriter.checkEncodable(value) }
        #expect(throws: RuntimeError("json: unsupported value: -Inf")) {
            try JSONWriter.checkEncodable(["b": .float(-.infinity), "c": .float(.infinity)])
        }
    }

    @Test("append adds to an existing buffer")
    func appendToBuffer() {
        var out = Array("x=".utf8)
        JSONWriter.append(["k": [true, 1.5]], to: &out)
        #expect(String(decoding: out, as: UTF8.self) == #"x={"k":[true,1.5]}"#)
    }
}

@Suite("Go float text")
struct GoFloatFormatTests {
    @Test(
        "shortest %g as strconv.FormatFloat(f, 'g', -1, 64)",
        arguments: [
            (1_000_000.0, "1e+06"), (1_234_567.0, "1.234567e+06"), (123_456.0, "123456"), (0.0001, "0.0001"),
            (0.00001, "1e-05"), (3.14, "3.14"), (Double.infinity, "+Inf"), (-Double.infinity, "-Inf"),
            (Double.nan, "NaN"),
            (0.0, "0"), (-0.0, "-0"), (1e21, "1e+21"), (1.5, "1.5"), (100.0, "100"),
            (Double.leastNonzeroMagnitude, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"), (0.1 + 0.2, "0.30000000000000004"),
            (123_456_789.0, "1.23456789e+08"), (1e100, "1e+100"), (-2.5e-10, "-2.5e-10"), (999_999.0, "999999"),
        ])
    func shortestG(value: Double, expected: String) {
        #expect(GoFloatFormat.shortestG(value) == expected)
    }

    @Test(
        "encoding/json float text",
        arguments: [
            (1.0, "1"), (1e20, "100000000000000000000"), (1e21, "1e+21"), (1e-6, "0.000001"), (1e-7, "1e-7"),
            (1.5e-7, "1.5e-7"), (1e-10, "1e-10"), (1.234e-100, "1.234e-100"), (123_456_789.0, "123456789"),
            (0.1, "0.1"),
            (-0.0, "-0"), (9_007_199_254_740_992.0, "9007199254740992"), (1e15, "1000000000000000"),
            (1.5e300, "1.5e+300"), (Double.nan, "null"), (-Double.infinity, "null"),
            (12_345_678_901_234_567_890.0, "12345678901234567000"), (-1e-7, "-1e-7"), (4.35e-7, "4.35e-7"),
            (8.41e21, "8.41e+21"), (123.456, "123.456"), (-42.0, "-42"),
        ])
    func json(value: Double, expected: String) {
        #expect(GoFloatFormat.json(value) == expected)
    }

    @Test(
        "fixed precisions round from the exact value, half to even",
        arguments: [
            (3.14159, "f", 2, "3.14"), (2.5, "f", 0, "2"), (3.5, "f", 0, "4"), (0.125, "f", 2, "0.12"),
            (0.375, "f", 2, "0.38"), (1.005, "f", 2, "1.00"), (1234.5678, "e", 3, "1.235e+03"),
            (0.000123, "g", 2, "0.00012"),
            (123_456.0, "g", 3, "1.23e+05"), (100.0, "g", 3, "100"), (0.0, "e", 2, "0.00e+00"),
            (1e21, "f", -1, "1000000000000000000000"),
            (0.1, "f", 20, "0.10000000000000000555"), (Double.leastNonzeroMagnitude, "e", -1, "5e-324"),
            (1.0, "e", -1, "1e+00"),
            (0.009, "f", 2, "0.01"), (0.0009, "f", 2, "0.00"), (-1.5, "f", 0, "-2"), (9.5, "f", 0, "10"),
            (123.456, "E", 2, "1.23E+02"), (1e-5, "G", -1, "1E-05"), (Double.nan, "f", 2, "NaN"), (1.0, "x", 2, "%x"),
        ] as [(Double, Character, Int, String)])
    func fixed(value: Double, format: Character, precision: Int, expected: String) {
        #expect(GoFloatFormat.format(value, format, precision: precision) == expected)
    }
}

@Suite("Go number parsing")
struct GoNumberParsingTests {
    @Test(
        "strconv.ParseFloat(s, 64)",
        arguments: [
            ("1", 1.0), ("-1.5", -1.5), ("+1.5", 1.5), (".5", 0.5), ("1.", 1.0), ("-.5", -0.5), ("1e3", 1000.0),
            ("1E-3", 0.001), ("1_000", 1000.0), ("1_000.5", 1000.5), ("1.5e1_0", 1.5e10), ("0x1p-2", 0.25),
            ("0x1.8p1", 3.0), ("0x_1p0", 1.0), ("0X1P3", 8.0), ("0x.8p1", 1.0), ("inf", .infinity), ("+Inf", .infinity),
            ("-infinity", -.infinity), ("INFINITY", .infinity), ("1e-400", 0.0), ("017", 17.0), ("08", 8.0),
            ("0_1", 1.0), ("00", 0.0), ("0.30000000000000004", 0.30000000000000004),
            ("4.9406564584124654e-324", Double.leastNonzeroMagnitude),
            ("123456789012345678901234567890", 1.2345678901234568e29),
        ] as [(String, Double)])
    func parseFloat(text: String, expected: Double) {
        #expect(GoNumberParsing.parseFloat(text) == expected)
    }

    @Test("NaN parses case-insensitively without a sign")
    func parseNaN() {
        #expect(GoNumberParsing.parseFloat("nan")?.isNaN == true)
        #expect(GoNumberParsing.parseFloat("NaN")?.isNaN == true)
        #expect(GoNumberParsing.parseFloat("+nan") == nil)
    }

    @Test(
        "strconv.ParseFloat refusals",
        arguments: [
            ("", ParseIntError.invalidSyntax), (".", .invalidSyntax), ("1e", .invalidSyntax), ("e1", .invalidSyntax),
            ("1e+", .invalidSyntax), ("1__000", .invalidSyntax), ("_1", .invalidSyntax), ("1_", .invalidSyntax),
            ("0x10", .invalidSyntax), ("0x1p", .invalidSyntax), ("infin", .invalidSyntax),
            ("infinityx", .invalidSyntax),
            ("-nan", .invalidSyntax), (" 1", .invalidSyntax), ("1 ", .invalidSyntax), ("1.5x", .invalidSyntax),
            ("0x1f", .invalidSyntax), ("1e400", .outOfRange), ("-1e400", .outOfRange),
            ("0x1.fffffffffffff8p1023", .outOfRange),
        ])
    func parseFloatErrors(text: String, expected: ParseIntError) {
        guard case .failure(let e) = GoNumberParsing.parseFloatResult(text) else {
            Issue.record("parsed \(text)")
            return
        }
        #expect(e == expected)
    }

    @Test(
        "strconv.ParseInt(s, 0, 64)",
        arguments: [
            ("0", "0"), ("123", "123"), ("-123", "-123"), ("+123", "123"), ("0x1f", "31"), ("0X1F", "31"),
            ("0o17", "15"),
            ("0O17", "15"), ("0b101", "5"), ("0B101", "5"), ("017", "15"), ("08", "invalid syntax"), ("0_1", "1"),
            ("1_000", "1000"), ("1_2_3", "123"), ("0x_1f", "31"), ("0x1_f", "31"), ("1__0", "invalid syntax"),
            ("_1", "invalid syntax"), ("1_", "invalid syntax"), ("0b_", "invalid syntax"), ("", "invalid syntax"),
            ("-", "invalid syntax"), ("0x", "invalid syntax"), ("0b2", "invalid syntax"), ("00", "0"), ("-0", "0"),
            ("-0x10", "-16"), ("+0x10", "16"), ("9223372036854775807", "9223372036854775807"),
            ("9223372036854775808", "value out of range"), ("-9223372036854775808", "-9223372036854775808"),
            ("-9223372036854775809", "value out of range"), ("99999999999999999999", "value out of range"),
            ("99999999999999999999x", "value out of range"), ("1.5", "invalid syntax"), (" 1", "invalid syntax"),
            ("123abc", "invalid syntax"),
        ])
    func parseInt(text: String, expected: String) {
        switch GoNumberParsing.parseInt(text) {
        case .success(let i): #expect(String(i) == expected)
        case .failure(let e): #expect(e.rawValue == expected)
        }
    }

    @Test(
        "strconv.ParseUint(s, 0, 64)",
        arguments: [
            ("18446744073709551615", "18446744073709551615"), ("18446744073709551616", "value out of range"),
            ("-1", "invalid syntax"), ("+1", "invalid syntax"), ("0x10", "16"), ("0", "0"), ("1_0", "10"),
        ])
    func parseUInt(text: String, expected: String) {
        switch GoNumberParsing.parseUInt(text) {
        case .success(let u): #expect(String(u) == expected)
        case .failure(let e): #expect(e.rawValue == expected)
        }
    }
}
