import Bloblang
import BloblangStdlib
import BloblangTestSupport
import Testing

// What the parser accepts and how it groups what it reads. Each table row is one mapping
// (or one `root = <expression>`), its input document and the message blobl would print.
// Expectations follow Benthos v4 (internal/bloblang/parser) and the language spec.

/// Runs `root = <expression>` on `input`.
private func eval(_ expression: String, _ input: String = "null") -> MappingResult {
    MappingHarness.run("root = " + expression, input: input)
}

@Suite("Parser: operator precedence")
struct PrecedenceTests {
    @Test(
        "levels: * / % | bind tightest, then + -, comparisons, then && || left to right",
        arguments: [
            ("2 + 3 * 4", "null", "14"),
            ("2 * 3 + 4", "null", "10"),
            ("(2 + 3) * 4", "null", "20"),
            ("10 - 2 - 3", "null", "5"),
            ("8 / 2 / 2", "null", "2"),
            ("7 % 3 * 2", "null", "2"),
            ("2 * 7 % 3", "null", "2"),
            ("1 + 2 == 3", "null", "true"),
            ("1 + 2 * 3 == 7", "null", "true"),
            ("10 - 5 >= 5", "null", "true"),
            ("1 < 2 == true", "null", "true"),
            ("1 == 1 && 2 == 3 || true", "null", "true"),
            // && and || share one level, reduced left to right.
            ("true || false && false", "null", "false"),
            ("true || (false && false)", "null", "true"),
            ("false && true || true", "null", "true"),
            ("false && (true || true)", "null", "false"),
            // `|` sits with `*`: `a + b | c` is `a + (b | c)`.
            ("this.a + this.n | 10", #"{"a":1,"n":null}"#, "11"),
            ("null | 2 * 3", "null", "6"),
            // ... and left to right with `*`: `(2 * this.n) | 3` catches the failed product.
            ("2 * this.n | 3", #"{"n":null}"#, "3"),
            ("2 * (this.n | 3)", #"{"n":null}"#, "6"),
            ("this.n | this.m | \"last\"", #"{"n":null,"m":null}"#, "last"),
            ("\"a\" + \"b\" + \"c\"", "null", "abc"),
            ("1+2*3", "null", "7"),
        ])
    func precedence(expression: String, input: String, output: String) {
        #expect(eval(expression, input) == .output(output))
    }

    @Test(
        "unary minus applies to one operand (with its method chain) and folds constants",
        arguments: [
            ("-5 + 2", "null", "-3"),
            ("- 5", "null", "-5"),
            ("1 - -1", "null", "2"),
            ("2 * -3", "null", "-6"),
            ("-(2 * 3)", "null", "-6"),
            ("-this.a", #"{"a":3}"#, "-3"),
            ("-this.a * 2", #"{"a":3}"#, "-6"),
            ("-1.abs()", "null", "-1"),
            ("-this.s.length()", #"{"s":"abcd"}"#, "-4"),
            ("-0.5", "null", "-0.5"),
            ("true && -this.a > 0", #"{"a":-1}"#, "true"),
        ])
    func unaryMinus(expression: String, input: String, output: String) {
        #expect(eval(expression, input) == .output(output))
    }

    @Test(
        "`!` negates a whole method-chained term, once",
        arguments: [
            ("!true", "null", "false"),
            ("!this.b", #"{"b":false}"#, "true"),
            ("!this.s.contains(\"x\")", #"{"s":"xyz"}"#, "false"),
            ("!false && false", "null", "false"),
            ("!(!true)", "null", "true"),
            ("!(1 == 2)", "null", "true"),
            ("[true].map_each(x -> !x)", "null", "[false]"),
        ])
    func not(expression: String, input: String, output: String) {
        #expect(eval(expression, input) == .output(output))
    }

    @Test("`!` on a non-boolean is a runtime type error")
    func notNonBoolean() {
        #expect(eval("!this.a", #"{"a":5}"#) == .error("failed assignment (line 1): expected bool value, got number from field `this.a` (5)"))
    }

    @Test("`!` may be followed by spaces, as Benthos's `Optional(!) SpacesAndTabs` allows")
    func notWithSpace() {
        #expect(eval("! true") == .output("false"))
    }

    @Test("a newline may follow a unary minus, as after a binary operator")
    func minusThenNewline() {
        #expect(eval("-\n  5") == .output("-5"))
    }
}

@Suite("Parser: literals")
struct LiteralTests {
    @Test(
        "numbers: int64 without a point, float64 with digits on both sides of it",
        arguments: [
            ("0", "i0"), ("42", "i42"), ("007", "i7"),
            ("9223372036854775807", "i9223372036854775807"),
            ("-9223372036854775807 - 1", "i-9223372036854775808"),
            ("3.14", "f3.14"), ("0.5", "f0.5"), ("1.0", "f1.0"), ("-0.25", "f-0.25"),
            ("10.000", "f10.0"),
            ("1.5.floor()", "i1"),
            ("5.string()", "s\"5\""),
        ])
    func numbers(source: String, tagged: String) throws {
        #expect(try MappingHarness.evaluate(source).tagged == tagged)
    }

    @Test("a float that holds an integer prints without a point, as Go's encoding/json does", arguments: [
        ("1.0", "1"), ("2.50", "2.5"), ("[1.0, 2]", "[1,2]"),
    ])
    func floatOutput(source: String, output: String) {
        #expect(eval(source) == .output(output))
    }

    @Test(
        "double-quoted strings take every escape strconv.Unquote takes",
        arguments: [
            (#""plain""#, "plain"),
            (#""\n""#, "\n"), (#""\t""#, "\t"), (#""\r""#, "\r"),
            (#""\a""#, "\u{07}"), (#""\b""#, "\u{08}"), (#""\f""#, "\u{0C}"), (#""\v""#, "\u{0B}"),
            (#""\\""#, "\\"), (#""\"""#, "\""),
            (#""\x41\x7a""#, "Az"), (#""\101\060""#, "A0"),
            (#""\u00e9\u00E9""#, "éé"), (#""\U0001F600""#, "😀"),
            (#""\u65e5\u672c""#, "日本"),
            (#""é 日本 😀""#, "é 日本 😀"),
            (#""a#b""#, "a#b"),
            (#""""#, ""),
            (#""tab\there""#, "tab\there"),
        ])
    func escapes(source: String, value: String) throws {
        let v = try MappingHarness.evaluate(source)
        guard case .string(let s) = v else {
            Issue.record("expected a string, got \(v.tagged)")
            return
        }
        #expect(s == value)
    }

    @Test(
        "triple-quoted strings are raw: no escapes, newlines and quotes kept",
        arguments: [
            ("\"\"\"hello world\"\"\"", "hello world"),
            ("\"\"\"line1\nline2\"\"\"", "line1\nline2"),
            ("\"\"\"no\\nescape\\there\"\"\"", "no\\nescape\\there"),
            ("\"\"\"C:\\path\\to\\file\"\"\"", "C:\\path\\to\\file"),
            ("\"\"\"a\"b\"\"\"", "a\"b"),
            ("\"\"\"\"\"\"", ""),
            ("\"\"\"raw\"\"\" + \" normal\"", "raw normal"),
        ])
    func tripleQuoted(source: String, value: String) throws {
        let v = try MappingHarness.evaluate(source)
        guard case .string(let s) = v else {
            Issue.record("expected a string, got \(v.tagged)")
            return
        }
        #expect(s == value)
    }

    @Test(
        "arrays and objects: nesting, trailing commas, newlines, comments and dropped sentinels",
        arguments: [
            ("[]", "null", "[]"),
            ("{}", "null", "{}"),
            (#"[1, "two", 3.5, true, null, [], {}]"#, "null", #"[1,"two",3.5,true,null,[],{}]"#),
            (#"{"a": 1, "b": [1, 2, {"c": true}]}"#, "null", #"{"a":1,"b":[1,2,{"c":true}]}"#),
            ("[1, 2,]", "null", "[1,2]"),
            (#"{"a": 1,}"#, "null", #"{"a":1}"#),
            ("[\n  1,\n  2\n]", "null", "[1,2]"),
            ("{\n  \"a\": 1,\n  \"b\": 2\n}", "null", #"{"a":1,"b":2}"#),
            ("[1, # one\n 2 # two\n]", "null", "[1,2]"),
            (#"{"": 1}"#, "null", #"{"":1}"#),
            (#"{"b": 1, "a": 2}"#, "null", #"{"a":2,"b":1}"#),
            (#"{"a": 1, "a": 2}"#, "null", #"{"a":2}"#),
            ("[1, deleted(), 3]", "null", "[1,3]"),
            ("[nothing(), 1]", "null", "[1]"),
            (#"{"a": 1, "b": deleted()}"#, "null", #"{"a":1}"#),
            ("[this.a, this.a + 1]", #"{"a":1}"#, "[1,2]"),
            (#"{"x": this.a}"#, #"{"a":1}"#, #"{"x":1}"#),
        ])
    func containers(source: String, input: String, output: String) {
        #expect(eval(source, input) == .output(output))
    }

    @Test(
        "object keys: quoted literals, folded constants and dynamic expressions",
        arguments: [
            (#"{("a" + "b"): 1}"#, "null", #"{"ab":1}"#),
            (#"{this.k: 1}"#, #"{"k":"dyn"}"#, #"{"dyn":1}"#),
            (#"{(this.k): 1}"#, #"{"k":"dyn"}"#, #"{"dyn":1}"#),
            (#"{this.k.uppercase(): this.v}"#, #"{"k":"dyn","v":2}"#, #"{"DYN":2}"#),
            (#"{k: 1}"#, #"{"k":"legacy"}"#, #"{"legacy":1}"#),
            (#"{"\U0001F600": "smile"}"#, "null", #"{"😀":"smile"}"#),
        ])
    func objectKeys(source: String, input: String, output: String) {
        #expect(eval(source, input) == .output(output))
    }

    @Test("a dynamic key that is not a string fails at run time")
    func dynamicKeyType() {
        #expect(eval("{this.k: 1}", #"{"k":5}"#) == .error("failed assignment (line 1): mapping returned invalid key type: int64"))
    }

    @Test("booleans and null are lower case words", arguments: [
        ("true", "true"), ("false", "false"), ("null", "null"),
    ])
    func keywords(source: String, output: String) {
        #expect(eval(source) == .output(output))
    }

    @Test("`True` and `NULL` are not literals but legacy field references (`this.True`)")
    func capitalisedKeywords() {
        #expect(eval("True", #"{"True":"field"}"#) == .output("field"))
        #expect(eval("NULL", #"{}"#) == .output("null"))
    }
}

@Suite("Parser: paths")
struct PathTests {
    @Test(
        "reading: identifiers, quoted segments, numeric segments index arrays, missing gives null",
        arguments: [
            ("this.a.b", #"{"a":{"b":1}}"#, "1"),
            ("this.\"a.b\".c", #"{"a.b":{"c":1}}"#, "1"),
            ("this.\"with space\"", #"{"with space":2}"#, "2"),
            ("this.\"\"", #"{"":3}"#, "3"),
            ("this.a.1", #"{"a":[5,6]}"#, "6"),
            ("this.0", "[7]", "7"),
            ("this.a.5", #"{"a":[5,6]}"#, "null"),
            ("this.a.0.b", #"{"a":[{"b":"x"}]}"#, "x"),
            ("this.a.b.c", #"{"a":1}"#, "null"),
            ("this.missing", "{}", "null"),
            ("this.A_b9", #"{"A_b9":1}"#, "1"),
            ("this.match.if", #"{"match":{"if":4}}"#, "4"),
            ("a.b", #"{"a":{"b":1}}"#, "1"),
            ("this.a.\n  b", #"{"a":{"b":1}}"#, "1"),
            ("this.a.(b + c)", #"{"a":{"b":1,"c":2}}"#, "3"),
            ("this.(a)", #"{"a":4}"#, "4"),
            ("this.(\"lit\")", "{}", "lit"),
            ("root", "null", "null"),
        ])
    func reading(source: String, input: String, output: String) {
        #expect(eval(source, input) == .output(output))
    }

    @Test(
        "assignment targets: root paths, legacy bare paths, quoted segments",
        arguments: [
            ("root.a.b = 1", "null", #"{"a":{"b":1}}"#),
            ("root.\"a.b\" = 5", "null", #"{"a.b":5}"#),
            ("root.a.\"x y\".c = 5", "null", #"{"a":{"x y":{"c":5}}}"#),
            ("foo.bar = 5", "null", #"{"foo":{"bar":5}}"#),
            // `this` is not an alias of `root` on the left: it is a plain key.
            ("this.foo = 5", "null", #"{"this":{"foo":5}}"#),
            ("root.a.0 = 5", "null", #"{"a":{"0":5}}"#),
            ("root = [1, 2]\nroot.0 = 9", "null", "[9,2]"),
            ("root.a = 1\nroot.b = root.a + 1", "null", #"{"a":1,"b":2}"#),
        ])
    func targets(mapping: String, input: String, output: String) {
        #expect(MappingHarness.run(mapping, input: input) == .output(output))
    }
}

@Suite("Parser: lambdas, match and if")
struct ControlFormTests {
    @Test(
        "lambdas bind a named context; `_` binds nothing; `.(x -> ...)` captures",
        arguments: [
            ("this.map_each(x -> x * 2)", "[1,2]", "[2,4]"),
            ("this.map_each(x->x*2)", "[1,2]", "[2,4]"),
            ("this.map_each(_ -> 1)", "[1,2]", "[1,1]"),
            ("this.a.(x -> x + 1)", #"{"a":1}"#, "2"),
            ("this.(x -> x.a)", #"{"a":3}"#, "3"),
            ("this.map_each(x -> x.map_each(y -> x.length() + y))", "[[1,2]]", "[[3,4]]"),
            ("this.xs.map_each(x -> x + this.k)", #"{"xs":[1],"k":10}"#, "[11]"),
            ("this.xs.map_each(this + 1)", #"{"xs":[1,2]}"#, "[2,3]"),
            ("[1,2,3].fold(0, t -> t.tally + t.value)", "null", "6"),
        ])
    func lambdas(source: String, input: String, output: String) {
        #expect(eval(source, input) == .output(output))
    }

    @Test(
        "match: subject or none, literal and boolean patterns, `_`, commas or newlines",
        arguments: [
            (#"match this.a { 1 => "one", 2 => "two", _ => "many" }"#, #"{"a":2}"#, "two"),
            ("match this.a {\n  1 => \"one\"\n  _ => \"many\"\n}", #"{"a":5}"#, "many"),
            ("match this.a {\n  1 => \"one\",\n  _ => \"other\",\n}", #"{"a":1}"#, "one"),
            (#"match { this.a > 1 => "big", _ => "small" }"#, #"{"a":5}"#, "big"),
            (#"match this.a { this > 5 => "big", _ => "small" }"#, #"{"a":9}"#, "big"),
            (#"match this.a { "x" => 1 }"#, #"{"a":"y"}"#, #"{"a":"y"}"#),
            ("match this.a {}", #"{"a":9}"#, #"{"a":9}"#),
            (#"match this { this.a == 1 => "x" }"#, #"{"a":2}"#, #"{"a":2}"#),
            (#"match this.v { 5.0 => "five" }"#, #"{"v":5}"#, "five"),
            (#"match { "hello" => "yes", _ => "no" }"#, "{}", "no"),
        ])
    func match(source: String, input: String, output: String) {
        #expect(eval(source, input) == .output(output))
    }

    @Test(
        "if expressions: else if chains, a missing else gives nothing, null is false",
        arguments: [
            (#"if this.a > 1 { "big" } else { "small" }"#, #"{"a":0}"#, "small"),
            (#"if this.a > 1 { "big" } else if this.a > 0 { "mid" } else { "small" }"#, #"{"a":1}"#, "mid"),
            ("if false { 1 }", #"{"q":1}"#, #"{"q":1}"#),
            ("if this.a { 1 } else { 2 }", #"{"a":null}"#, "2"),
            ("if (this.a > 1) { 1 } else { 2 }", #"{"a":5}"#, "1"),
            ("if true {\n  1\n} else {\n  2\n}", "null", "1"),
        ])
    func ifExpression(source: String, input: String, output: String) {
        #expect(eval(source, input) == .output(output))
    }

    @Test(
        "if statements: blocks of statements, else if, else",
        arguments: [
            ("if this.a > 1 {\n  root.x = \"big\"\n} else {\n  root.x = \"small\"\n}", #"{"a":5}"#, #"{"x":"big"}"#),
            ("if this.a > 1 { root.x = 1 } else if this.a > 0 { root.x = 2 }", #"{"a":1}"#, #"{"x":2}"#),
            ("if this.a > 1 { root.x = 1 }", #"{"a":0}"#, #"{"a":0}"#),
            ("if true {\n  let v = 5\n  root.v = $v\n  meta m = \"x\"\n}\nroot.m = @m", "null", #"{"m":"x","v":5}"#),
            ("if true {\n  if true {\n    root.deep = 1\n  }\n}", "null", #"{"deep":1}"#),
        ])
    func ifStatement(mapping: String, input: String, output: String) {
        #expect(MappingHarness.run(mapping, input: input) == .output(output))
    }
}

@Suite("Parser: statements")
struct StatementTests {
    @Test(
        "let, meta, named maps, comments and blank lines",
        arguments: [
            ("let x = 5\nroot = $x", "null", "5"),
            ("let \"quoted\" = 5\nroot = $quoted", "null", "5"),
            ("let x = 1\nlet x = 2\nroot = $x", "null", "2"),
            ("meta foo = \"bar\"\nroot.m = @foo", "null", #"{"m":"bar"}"#),
            ("meta \"a b\" = 5\nroot = @", "null", #"{"a b":5}"#),
            ("meta = {\"x\": \"y\"}\nroot = @", "null", #"{"x":"y"}"#),
            ("meta foo = \"bar\"\nroot = @\"foo\"", "null", "bar"),
            ("map double { root = this * 2 }\nroot = this.apply(\"double\")", "4", "8"),
            ("map foo {\n  root.a = this\n  root.b = this + 1\n}\nroot = 5.apply(\"foo\")", "null", #"{"a":5,"b":6}"#),
            ("map foo {\n  root = this + 1\n}\nmap bar {\n  root = this.apply(\"foo\") * 2\n}\nroot = 3.apply(\"bar\")", "null", "8"),
            ("# comment\nroot = 1 # trailing\n# another", "null", "1"),
            ("#!blobl\nroot = 1", "null", "1"),
            ("root = \"a\" # \"b\"", "null", "a"),
            ("\n\n  root = 1\n\n", "null", "1"),
            ("root.a = 1   \nroot.b = 2", "null", #"{"a":1,"b":2}"#),
            ("root.a = 1\n \n\t\nroot.b = 2", "null", #"{"a":1,"b":2}"#),
            ("root.a = 1\r\nroot.b = 2\r\n", "null", #"{"a":1,"b":2}"#),
            ("root = this.map_each(x -> x +\n  1)", "[1]", "[2]"),
            ("root = this.a +\n  1", #"{"a":1}"#, "2"),
            ("root = this.a.\n  uppercase()", #"{"a":"x"}"#, "X"),
            ("root = [1, 2].map_each(\n  x -> x * 10\n)", "null", "[10,20]"),
            ("root = \"a,b\".split(\n  \",\"\n)", "null", #"["a","b"]"#),
        ])
    func statements(mapping: String, input: String, output: String) {
        #expect(MappingHarness.run(mapping, input: input) == .output(output))
    }

    @Test(
        "a bare expression is `root = expression` when it is the only statement",
        arguments: [
            ("this.a + 1", #"{"a":1}"#, "2"),
            ("\"literal\"", "null", "literal"),
            ("this.a.uppercase()", #"{"a":"x"}"#, "X"),
            ("map m { root = this + 1 }\nthis.apply(\"m\")", "1", "2"),
            ("# comment first\nthis", #"{"a":1}"#, #"{"a":1}"#),
        ])
    func bareExpression(mapping: String, input: String, output: String) {
        #expect(MappingHarness.run(mapping, input: input) == .output(output))
    }

    @Test("`=` needs whitespace on both sides; binary operators do not", arguments: [
        "root.a=1", "root.a =1", "root.a= 1", "let x=5", "meta a=1",
    ])
    func assignmentWhitespace(mapping: String) {
        guard case .parseError(let e) = MappingHarness.run(mapping) else {
            Issue.record("expected a parse error for \(mapping)")
            return
        }
        #expect(e.hasSuffix("expected whitespace"))
    }

    @Test(
        "no newline (or space) before `.`, no newline before a binary operator or around `->`",
        arguments: [
            "root = this.a\n  .uppercase()",
            "root = this.a .uppercase()",
            "root = this .a",
            "root = this.a\n  + 1",
            "root = (\n  this.a\n  + 1\n)",
            "root = this.map_each(x ->\n  x)",
            "root = this.map_each(x\n  -> x)",
            "root = 1\nroot = 2 root = 3",
        ])
    func newlineRules(mapping: String) {
        guard case .parseError = MappingHarness.run(mapping, input: #"{"a":"x"}"#) else {
            Issue.record("expected a parse error for \(mapping)")
            return
        }
    }
}
