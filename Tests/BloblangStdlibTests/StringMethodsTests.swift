import Bloblang
import BloblangStdlib
import Testing

/// Edge cases of the string and parsing methods that the spec examples do not pin down:
/// Go's byte-indexed strings, `fmt` formatting, `strconv` quoting, `net/url`, `encoding/csv`
/// and `html` behaviour, and the error texts.
@Suite struct StringMethodsTests {
    private func eval(_ expression: String, this: Value = .null) throws -> Value {
        let query = try Environment.standard.parseExpression(expression)
        return try query.eval(EvalContext(environment: .standard, this: this))
    }

    /// The result as text: strings raw, anything else through `.string()`'s rules.
    private func text(_ expression: String, this: Value = .null) throws -> String {
        try eval(expression, this: this).plainString
    }

    /// The error a method raised, without the `string literal: ` style prefix the evaluator
    /// adds to name the target expression.
    private func errorMessage(_ expression: String, this: Value = .null) -> String? {
        do {
            _ = try eval(expression, this: this)
            return nil
        } catch let error as RuntimeError {
            var message = error.message
            for prefix in ["string literal: ", "array literal: ", "field `this`: "] where message.hasPrefix(prefix) {
                message.removeFirst(prefix.count)
            }
            return message
        } catch {
            return "\(error)"
        }
    }

    private func parseErrorMessage(_ expression: String) -> String? {
        do {
            _ = try Environment.standard.parseExpression(expression)
            return nil
        } catch {
            return error.description
        }
    }

    // MARK: - Byte-indexed strings

    @Test(arguments: [
        (#""café".length()"#, "5"), (#""é".length()"#, "2"), (#""😀".length()"#, "4"),
        (#""café!".index_of("!")"#, "5"), (#""hello".index_of("")"#, "0"), (#""hello".index_of("z")"#, "-1"),
        (#""hello world".slice(-5, -1)"#, "worl"), (#""hello".slice(0, 100)"#, "hello"), (#""hello".slice(5)"#, ""),
        (#"[10, 20, 30, 40, 50].slice(-3, -1)"#, "[30,40]"), (#"[].slice(0)"#, "[]"),
        (#""café".split("")"#, #"["c","a","f","é"]"#), (#""".split("")"#, "[]"), (#""".split(",")"#, #"[""]"#),
        (#""a,b,".split(",")"#, #"["a","b",""]"#), (#""ab".replace_all("", "-")"#, "-a-b-"),
        (#""héllo😀".reverse()"#, "😀olléh"), (#""aaa".trim_prefix("a")"#, "aa"),
        (#""\t\n hi \u00a0".trim()"#, "hi"), (#""!!hi?!".trim("!?")"#, "hi"), (#""xhix".trim("")"#, "xhix"),
    ])
    func byteSemantics(_ expression: String, _ expected: String) throws {
        #expect(try text(expression) == expected, "\(expression)")
    }

    @Test func bytesStayBytes() throws {
        guard case .bytes(let b) = try eval(#""Hello".bytes().uppercase()"#) else {
            Issue.record("uppercase of bytes should give bytes")
            return
        }
        #expect(b == Array("HELLO".utf8))
        #expect(try text(#""hello".bytes().index_of("ll")"#) == "2")
        #expect(try text(#""hello".bytes().contains("ll".bytes())"#) == "true")
        #expect(try text(#""hello".bytes().length()"#) == "5")
    }

    @Test func sliceBoundErrors() {
        #expect(parseErrorMessage(#""hello".slice(3, 1)"#)?.contains("lower slice bound 3 must be lower than upper (1)") == true)
        #expect(
            errorMessage(#""hello".slice(4, -3)"#)
                == "lower slice bound 4 must be lower than or equal to upper bound (2) and target length (5)")
    }

    @Test func typeErrors() {
        #expect(errorMessage("this.length()", this: 5) == "expected string, array or object value, got number from field `this` (5)")
        #expect(errorMessage("this.contains(5)", this: 5) == "expected string, array or object value, got number from field `this` (5)")
        #expect(errorMessage("[].reverse()") == "expected string value, got array from array literal")
        #expect(errorMessage("this.slice(1)", this: 5) == "expected array or string value, got number from field `this` (5)")
        #expect(errorMessage(#""hello".slice(7)"#) == "lower slice bound 7 must be lower than or equal to upper bound (5) and target length (5)")
        #expect(errorMessage(#"["a", 5].filepath_join()"#) == "path element 1: expected string value, got number (5)")
    }

    // MARK: - contains

    @Test(arguments: [
        (#"[1, 2, 3].contains("2")"#, false), (#"[10.3, 20.0].contains(20)"#, true), (#"[1, null].contains(null)"#, true),
        (#""abc123".contains(123)"#, true), (#"{"a": "x"}.contains("x")"#, true), (#""".contains("")"#, true),
    ])
    func contains(_ expression: String, _ expected: Bool) throws {
        #expect(try text(expression) == String(expected), "\(expression)")
    }

    // MARK: - Case mapping

    @Test(arguments: [
        (#""café ß".uppercase()"#, "CAFÉ ß"), (#""İSTANBUL".lowercase()"#, "istanbul"),
        (#""mARY o'NEIL-smith".capitalize()"#, "Mary O'neil-Smith"), (#""hello world 2".capitalize()"#, "Hello World 2"),
        (#""foo_bar baz".capitalize()"#, "Foo_bar Baz"),
    ])
    func caseMapping(_ expression: String, _ expected: String) throws {
        #expect(try text(expression) == expected, "\(expression)")
    }

    // MARK: - format

    @Test(arguments: [
        (#""%s(%v): %v".format("lance", 37, 13)"#, "lance(37): 13"),
        (#""%d|%5d|%-5d|%05d|%x|%X|%o|%b|%#x|%+d".format(42, 42, 42, -42, 255, 255, 8, 5, 255, 5)"#,
         "42|   42|42   |-0042|ff|FF|10|101|0xff|+5"),
        (#""%f %.2f %8.3f %e %g %v %v".format(3.14159, 3.14159, 3.14159, 1234.5678, 0.000012345, 1000000.0, 0.1)"#,
         "3.141590 3.14    3.142 1.234568e+03 1.2345e-05 1e+06 0.1"),
        (#""%q %x %10s|%-6s|%.2s".format("a\"b", "hi", "right", "left", "héllo")"#, #""a\"b" 6869      right|left  |hé"#),
        (#""%d %s".format("x", 5)"#, "%!d(string=x) %!s(int64=5)"),
        (#""%d %d".format(1)"#, "1 %!d(MISSING)"),
        (#""%d".format(1, "a", null)"#, "1%!(EXTRA string=a, <nil>)"),
        (#""%v %v %v".format(null, true, [1, "a", null])"#, "<nil> true [1 a <nil>]"),
        (#""%v".format({"b": 2, "a": "x"})"#, "map[a:x b:2]"),
        (#""%[2]d %[1]d".format(1, 2)"#, "2 1"),
        (#""%*d|%.*f".format(5, 42, 2, 3.14159)"#, "   42|3.14"),
        (#""100%% %c %U %q".format(65, 128512, 65)"#, "100% A U+1F600 'A'"),
        (#""%T %T %T".format("a", 1, 1.5)"#, "string int64 float64"),
        (#""%.0f %.0f %.1f".format(0.5, 1.5, 0.25)"#, "0 2 0.2"),
        (#""%08.3f|%+.2f|% d".format(-3.14159, 2.5, 5)"#, "-003.142|+2.50| 5"),
    ])
    func format(_ expression: String, _ expected: String) throws {
        #expect(try text(expression) == expected, "\(expression)")
    }

    // MARK: - Quoting and escaping

    @Test(arguments: [
        (#""foo\nbar\u0007\u0001é\u200b".quote()"#, #""foo\nbar\a\x01é\u200b""#),
        (#""\"a\\tb\\x41\\u00e9\"".unquote()"#, "a\tbAé"),
        (#""`raw\\n`".unquote()"#, #"raw\n"#),
        (#""'x'".unquote()"#, "x"),
        (#""<a href=\"x\">'&'</a>".escape_html()"#, "&lt;a href=&#34;x&#34;&gt;&#39;&amp;&#39;&lt;/a&gt;"),
        (#""&lt;p&gt; &aacute;&#225;&#xE1; &amp &notit; &#128; &bogus;".unescape_html()"#, "<p> ááá & ¬it; € &bogus;"),
        (#""a b&c/d?é~".escape_url_query()"#, "a+b%26c%2Fd%3F%C3%A9~"),
        (#""a b&c/d?=;,@:$+".escape_url_path()"#, "a%20b&c%2Fd%3F=%3B%2C@:$+"),
        (#""a+b%20c".unescape_url_path()"#, "a+b c"),
        (#""a+b%20c".unescape_url_query()"#, "a b c"),
    ])
    func escaping(_ expression: String, _ expected: String) throws {
        #expect(try text(expression) == expected, "\(expression)")
    }

    @Test func escapingErrors() {
        #expect(errorMessage(#""hello".unquote()"#) == "invalid syntax")
        #expect(errorMessage(#""'ab'".unquote()"#) == "invalid syntax")
        #expect(errorMessage(#""a%zzb".unescape_url_query()"#) == #"invalid URL escape "%zz""#)
        #expect(errorMessage(#""a%2".unescape_url_path()"#) == #"invalid URL escape "%2""#)
    }

    // MARK: - Repetition and replacement

    @Test func repeatAndReplace() throws {
        #expect(try text(#""ab".repeat(3)"#) == "ababab")
        #expect(parseErrorMessage(#""ab".repeat(-1)"#)?.contains("invalid count, must be greater than or equal to zero: -1") == true)
        #expect(try text(#""<b>x</b>".replace_all_many(["<b>", "[", "</b>", "]"])"#) == "[x]")
        #expect(try text(#""foo".replace("o", "0")"#) == "f00")
        #expect(
            parseErrorMessage(#""x".replace_all_many(["a", "b", "c"])"#)?
                .contains("invalid arg, replacements should be in pairs and must therefore be even: [a b c]") == true)
    }

    // MARK: - File paths

    @Test(arguments: [
        (#"["/foo/", "bar.txt"].filepath_join()"#, "/foo/bar.txt"), (#"["", ""].filepath_join()"#, ""),
        (#"["a", "../..", "b"].filepath_join()"#, "../b"), (#"["/", "..", "x"].filepath_join()"#, "/x"),
        (#""/foo/bar.txt".filepath_split()"#, #"["/foo/","bar.txt"]"#), (#""baz".filepath_split()"#, #"["","baz"]"#),
    ])
    func filePaths(_ expression: String, _ expected: String) throws {
        #expect(try text(expression) == expected, "\(expression)")
    }

    // MARK: - Parsing

    @Test(arguments: [
        (#""a,\"b\"\"c\",\"d\ne\"\r\n\nx,y,z\n".parse_csv(false)"#, #"[["a","b\"c","d\ne"],["x","y","z"]]"#),
        (#""id;name\n1;\"Smith; J\"".parse_csv(delimiter: ";")"#, #"[{"id":"1","name":"Smith; J"}]"#),
    ])
    func csv(_ expression: String, _ expected: String) throws {
        #expect(try text(expression) == expected, "\(expression)")
    }

    @Test func csvErrors() {
        #expect(errorMessage(#""a,b\nc".parse_csv()"#) == "record on line 2: wrong number of fields")
        #expect(errorMessage(#""a,b\"c".parse_csv(false)"#) == #"parse error on line 1, column 4: bare " in non-quoted-field"#)
        #expect(
            errorMessage(#""x\n\"ab\nc".parse_csv(false)"#)
                == #"record on line 2; parse error on line 3, column 2: extraneous or missing " in quoted-field"#)
        #expect(errorMessage(#""".parse_csv()"#) == "zero records were parsed")
        #expect(errorMessage(#""a".parse_csv(delimiter: "ab")"#) == "delimiter value must be exactly one character")
        #expect(errorMessage(#""a".parse_csv(delimiter: "\"")"#) == "csv: invalid field or comment delimiter")
    }

    @Test(arguments: [
        ("HTTP://x.com/a%20b/c%2Fd?q=1#frag%20x",
         #"{"fragment":"frag x","host":"x.com","opaque":"","path":"/a b/c/d","raw_fragment":"","raw_path":"/a%20b/c%2Fd","raw_query":"q=1","scheme":"http"}"#),
        ("mailto:joe@example.com",
         #"{"fragment":"","host":"","opaque":"joe@example.com","path":"","raw_fragment":"","raw_path":"","raw_query":"","scheme":"mailto"}"#),
        ("amqp://foo:bar@127.0.0.1:5672/",
         #"{"fragment":"","host":"127.0.0.1:5672","opaque":"","path":"/","raw_fragment":"","raw_path":"","raw_query":"","scheme":"amqp","user":{"name":"foo","password":"bar"}}"#),
    ])
    func parseURL(_ url: String, _ expected: String) throws {
        #expect(try text("this.parse_url()", this: .string(url)) == expected)
    }

    @Test func parseURLErrors() {
        #expect(errorMessage("this.parse_url()", this: ":foo") == #"parse ":foo": missing protocol scheme"#)
        #expect(
            errorMessage("this.parse_url()", this: "1a:b")
                == #"parse "1a:b": first path segment in URL cannot contain colon"#)
        #expect(
            errorMessage("this.parse_url()", this: "http://host:port/")
                == #"parse "http://host:port/": invalid port ":port" after host"#)
    }

    @Test func formAndLogfmt() throws {
        #expect(
            try text(#""a=1&b=%20x&a=2&&c".parse_form_url_encoded()"#) == #"{"a":["1","2"],"b":" x","c":""}"#)
        #expect(
            errorMessage(#""a=%zz".parse_form_url_encoded()"#)
                == #"failed to parse value as url-encoded data: invalid URL escape "%zz""#)
        #expect(
            try text(#""level=info flag msg=\"a \\\"b\\\"\" =x".parse_logfmt()"#)
                == #"{"flag":true,"level":"info","msg":"a \"b\"","x":true}"#)
        #expect(errorMessage(#""a=\"b".parse_logfmt()"#) == #"logfmt: unterminated quoted value for key "a""#)
    }
}
