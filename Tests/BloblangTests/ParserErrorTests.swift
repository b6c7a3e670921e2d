import Bloblang
import BloblangStdlib
import BloblangTestSupport
import Testing

/// One parse error: the mapping with a marker (1️⃣) where the error points, and the message.
struct ParseErrorCase: Sendable, CustomTestStringConvertible {
    let marked: String
    let message: String
    init(_ marked: String, _ message: String) {
        self.marked = marked
        self.message = message
    }
    var testDescription: String { "\(message) ← \(marked.debugDescription)" }
}

/// Checks that `source` fails to parse with `message` at the marker.
func expectParseError(
    _ source: MarkedSource, _ message: String, environment: Environment = .standard,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard let error = MappingHarness.parseError(source.text, environment: environment) else {
        Issue.record("expected a parse error, the mapping parsed: \(source.text.debugDescription)", sourceLocation: sourceLocation)
        return
    }
    #expect(error.message == message, sourceLocation: sourceLocation)
    #expect(Position(error.location) == source.location, sourceLocation: sourceLocation)
    #expect(error.description == source.error(message), sourceLocation: sourceLocation)
}

@Suite("Parser: every error message, with its position")
struct ParseErrorTests {
    @Test("statements", arguments: [
        ParseErrorCase("1️⃣this.a\nroot.b = 1", "expected import, map, or assignment"),
        ParseErrorCase("root.b = 1\n1️⃣this.a", "expected import, map, or assignment"),
        ParseErrorCase("map m {\n  1️⃣this\n}", "expected import, map, or assignment"),
        ParseErrorCase("root = 5 1️⃣root = 6", "expected end of statement"),
        ParseErrorCase("root = this 1️⃣.a", "expected end of statement"),
        ParseErrorCase("root = 11️⃣e3", "expected end of statement"),
        ParseErrorCase("map 1️⃣{ }", "expected end of statement"),
        ParseErrorCase("let 1️⃣= 5", "expected variable name"),
        ParseErrorCase("let x 1️⃣5", "expected ="),
        ParseErrorCase("root1️⃣=5", "expected whitespace"),
        ParseErrorCase("root =1️⃣5", "expected whitespace"),
        ParseErrorCase("root.a1️⃣= 1", "expected whitespace"),
        ParseErrorCase("let x1️⃣=5", "expected whitespace"),
        ParseErrorCase("map foo { 1️⃣meta a = 5 }", "setting meta fields from within a map is not allowed"),
        ParseErrorCase("map foo {\n  root = 1\n  1️⃣meta = {}\n}", "setting meta fields from within a map is not allowed"),
        ParseErrorCase("map foo {\n  root = 1\n1️⃣", "expected }"),
        ParseErrorCase("map foo { root = this }\n1️⃣map foo { root = this * 2 }", "map name collision: foo"),
    ])
    func statements(_ c: ParseErrorCase) {
        expectParseError(MarkedSource(c.marked), c.message)
    }

    @Test("expressions", arguments: [
        ParseErrorCase("root = 1️⃣", "expected query"),
        ParseErrorCase("root = 1 +1️⃣", "expected query"),
        ParseErrorCase("root = 1 + 1️⃣)", "expected query"),
        ParseErrorCase("root = !1️⃣!true", "expected query"),
        ParseErrorCase("root = 1️⃣.5", "expected query"),
        ParseErrorCase("root = [1].map_each(x -> x +\n  1️⃣)", "expected query"),
        ParseErrorCase("root = (11️⃣", "expected )"),
        ParseErrorCase("root = (1 1️⃣2)", "expected )"),
        ParseErrorCase("root = this.1️⃣", "expected field name, method or `(`"),
        ParseErrorCase("root = 1.1️⃣", "expected field name, method or `(`"),
        ParseErrorCase("root = this.a.1️⃣-1", "expected field name, method or `(`"),
        ParseErrorCase("root = this.(11️⃣", "expected )"),
        ParseErrorCase("root = $1️⃣", "expected variable name"),
        ParseErrorCase("root = $1️⃣\"a b\"", "expected variable name"),
        ParseErrorCase("root = 1️⃣this -> 5", "context name 'this' is reserved"),
        ParseErrorCase("root = [1].map_each(1️⃣root -> root)", "context name 'root' is reserved"),
        ParseErrorCase("root = this.map_each(x -> x.map_each(1️⃣x -> x))", "context name 'x' would shadow a parent context"),
        ParseErrorCase("root = match this { 1 1️⃣2 }", "expected =>"),
        ParseErrorCase("root = match this {\n  1 => 2\n1️⃣", "expected }"),
        ParseErrorCase("root = if true { 1 1️⃣2 }", "expected }"),
        ParseErrorCase("root = if true { 1 } else { 2 1️⃣3 }", "expected }"),
        ParseErrorCase("root = if true 1️⃣1", "expected {"),
        ParseErrorCase("root = match this 1️⃣1", "expected {"),
    ])
    func expressions(_ c: ParseErrorCase) {
        expectParseError(MarkedSource(c.marked), c.message)
    }

    @Test("constant folding raises operator errors at parse time", arguments: [
        ParseErrorCase(#"root = 1️⃣"a" + 1"#, "cannot add types string (from string literal) and number (from number literal)"),
        ParseErrorCase("root.result = 1️⃣null + 5", "cannot add types null (from null literal) and number (from number literal)"),
        ParseErrorCase("root = 1️⃣true > false", "cannot compare types bool (from bool literal) and bool (from bool literal)"),
        ParseErrorCase("root = 1️⃣[1, 2] < [3, 4]", "cannot compare types array (from array literal) and array (from array literal)"),
        ParseErrorCase("root = 1️⃣1 < 2 < 3", "cannot compare types bool (from number literal) and number (from number literal)"),
        ParseErrorCase("root = 1️⃣7 / 0", "number literal: attempted to divide by zero"),
        ParseErrorCase("root = 1️⃣7.0 / 0.0", "number literal: attempted to divide by zero"),
        ParseErrorCase("root = 1️⃣7 % 0", "number literal: attempted to divide by zero"),
        ParseErrorCase("root.v = 1️⃣deleted() + 1", "cannot add types delete (from delete) and number (from number literal)"),
        ParseErrorCase(#"root = 1️⃣-"a""#, "cannot subtract types number (from number literal) and string (from string literal)"),
        ParseErrorCase("root = 1 + (1️⃣2 * \"x\")", "cannot multiply types number (from number literal) and string (from string literal)"),
    ])
    func constantFolding(_ c: ParseErrorCase) {
        expectParseError(MarkedSource(c.marked), c.message)
    }

    @Test("literals", arguments: [
        ParseErrorCase(#"root = 1️⃣"abc"#, "required: expected end quote"),
        ParseErrorCase("root = 1️⃣\"abc\nroot.b = 1", "required: expected end quote"),
        ParseErrorCase(#"root = 1️⃣"abc\"#, "required: expected end quote"),
        ParseErrorCase(#"root = "1️⃣\q""#, #"invalid escape sequence \q"#),
        ParseErrorCase(#"root = "ok 1️⃣\/""#, #"invalid escape sequence \/"#),
        ParseErrorCase(#"root = "1️⃣\'""#, #"invalid escape sequence \'"#),
        ParseErrorCase(#"root = "1️⃣\x4""#, "invalid escape sequence"),
        ParseErrorCase(#"root = "1️⃣\u12""#, "invalid escape sequence"),
        ParseErrorCase(#"root = "1️⃣\U0001F6""#, "invalid escape sequence"),
        ParseErrorCase(#"root = "\11️⃣9""#, "invalid escape sequence"),
        ParseErrorCase(#"root = "\7771️⃣""#, "invalid escape sequence"),
        ParseErrorCase("root = 1️⃣\"\"\"abc", "required: expected end triple-quote"),
        ParseErrorCase("root = 1️⃣\"\"\"abc\"\"", "required: expected end triple-quote"),
        ParseErrorCase(
            "root = 1️⃣99999999999999999999",
            #"failed to parse '99999999999999999999' as integer: strconv.ParseInt: parsing "99999999999999999999": value out of range"#),
        ParseErrorCase(
            "root = -1️⃣9223372036854775808",
            #"failed to parse '9223372036854775808' as integer: strconv.ParseInt: parsing "9223372036854775808": value out of range"#),
        ParseErrorCase("root = [1️⃣", "expected ]"),
        ParseErrorCase("root = [1,1️⃣", "expected ]"),
        ParseErrorCase("root = [1 1️⃣2]", "expected , or ]"),
        ParseErrorCase("root = [11️⃣", "expected , or ]"),
        ParseErrorCase("root = {1️⃣", "expected }"),
        ParseErrorCase(#"root = {"a" 1️⃣1}"#, "expected :"),
        // A quoted key is a key, not the start of an expression (as in Benthos).
        ParseErrorCase(#"root = {"a" 1️⃣+ "b": 1}"#, "expected :"),
        ParseErrorCase(#"root = {"a": 1 1️⃣"b": 2}"#, "expected , or }"),
        ParseErrorCase(#"root = {"a": 11️⃣"#, "expected , or }"),
        ParseErrorCase("root = {1️⃣5: 1}", "object keys must be strings, received: int64"),
        ParseErrorCase("root = {1️⃣1.5: 1}", "object keys must be strings, received: float64"),
        ParseErrorCase("root = {1️⃣true: 1}", "object keys must be strings, received: bool"),
        ParseErrorCase("root = {1️⃣null: 1}", "object keys must be strings, received: <nil>"),
    ])
    func literals(_ c: ParseErrorCase) {
        expectParseError(MarkedSource(c.marked), c.message)
    }

    @Test("calls", arguments: [
        ParseErrorCase("root = 1️⃣nosuch()", "unrecognised function 'nosuch'"),
        ParseErrorCase("root = 1️⃣uppercase()", "unrecognised function 'uppercase'"),
        ParseErrorCase("root = this.1️⃣uppercas()", "unrecognised method 'uppercas'"),
        ParseErrorCase("root = \"a\".replace_all(1️⃣", "expected )"),
        ParseErrorCase(#"root = "a".replace_all("a" 1️⃣"b")"#, "expected , or )"),
        ParseErrorCase(#"root = this.replace_all1️⃣(old: "a", "b")"#, "cannot mix named and nameless arguments"),
        ParseErrorCase(#"root = this.replace_all(1️⃣ol: "a", new: "b")"#, "unknown parameter ol"),
        ParseErrorCase(#"root = this.replace_all("a")1️⃣"#, "missing parameter: new"),
        ParseErrorCase(#"root = this.replace_all("a","b","c")1️⃣"#, "wrong number of arguments, expected 2, got 3"),
        ParseErrorCase("root.result = throw()1️⃣", "missing parameter: why"),
        ParseErrorCase("root.result = throw(42)1️⃣", "field why: wrong argument type, expected string, got number"),
        ParseErrorCase(#"root = "%v".format1️⃣(a: 1)"#, "named arguments are not supported by format"),
        ParseErrorCase(#"root = "hello".repeat(-1)1️⃣"#, "invalid count, must be greater than or equal to zero: -1"),
        ParseErrorCase("root = range(0, 5, 0)1️⃣", "step must be greater than or less than 0"),
        ParseErrorCase("let obj = {\"name\": \"Alice\"}\nroot.v = $obj.get(0)1️⃣", "field path: wrong argument type, expected string, got number"),
    ])
    func calls(_ c: ParseErrorCase) {
        expectParseError(MarkedSource(c.marked), c.message)
    }

    @Test("a single expression (interpolations, the REPL) must end after the expression")
    func standaloneExpression() {
        #expect(throws: ParseError.self) { try Environment.standard.parseExpression("1 2") }
        do {
            _ = try Environment.standard.parseExpression("1 2")
        } catch {
            #expect(error.description == "line 1 char 3: unexpected content at the end of the expression")
        }
        #expect((try? Environment.standard.parseExpression("this.a + 1")) != nil)
    }

    // MARK: - Known differences from Benthos

    @Test("an error inside a statement-level if block is reported where it is")
    func errorInsideIfBlock() {
        expectParseError(MarkedSource("if true {\n  root.a = 1️⃣nosuchfn()\n}"), "unrecognised function 'nosuchfn'")
        expectParseError(MarkedSource("if true {\n  let x = 10\n  1️⃣$x + 5\n}"), "expected import, map, or assignment")
        expectParseError(MarkedSource("if true {\n  root.a = 1\n} else {\n  root.b = 1️⃣\"abc\n}"), "required: expected end quote")
    }

    @Test("range() argument errors use Benthos's words", arguments: [
        ParseErrorCase("root = range(5, 5)1️⃣", "with positive step arg start (5) must be < stop (5)"),
        ParseErrorCase("root = range(0, 5, -1)1️⃣", "with negative step arg stop (5) must be <= start (0)"),
    ])
    func rangeMessages(_ c: ParseErrorCase) {
        expectParseError(MarkedSource(c.marked), c.message)
    }

    @Test("Benthos reports an unterminated string at the end of the input")
    func unterminatedStringPosition() {
        // Benthos's QuotedString fails with `NewFatalError(input[len(input):], ...)`: the position
        // is the end of the input, not the opening quote.
        withKnownIssue("the parser points at the opening quote") {
            expectParseError(MarkedSource(#"root = "abc1️⃣"#), "required: expected end quote")
        }
        withKnownIssue("the parser points at the opening quotes") {
            expectParseError(MarkedSource("root = \"\"\"abc1️⃣"), "required: expected end triple-quote")
        }
    }

    @Test("Benthos reports a bad escape as strconv.Unquote's error at the opening quote")
    func badEscapeMessage() {
        withKnownIssue("the parser says `invalid escape sequence \\q` at the backslash") {
            expectParseError(
                MarkedSource(#"root = 1️⃣"\q""#), "failed to unescape quoted string contents: invalid syntax")
        }
    }
}

/// An environment whose imports read from `files` (paths as written in the mapping).
private func memoryImports(_ files: [String: String]) -> Environment {
    Environment.standard.with(importer: { path in
        guard let text = files[path] else { throw ImportFailure(path: path) }
        return text
    })
}

private struct ImportFailure: Error, CustomStringConvertible {
    let path: String
    var description: String { "open \(path): no such file or directory" }
}

@Suite("Parser: import and from")
struct ImportTests {
    static let files = [
        "helpers.blobl": "map double { root = this * 2 }\nmap inc { root = this + 1 }\n",
        "conflict.blobl": "map double { root = this * 3 }\n",
        "bad_imports.blobl": "import \"helpers.blobl\"\nimport \"conflict.blobl\"\n",
        "chain.blobl": "import \"missing.blobl\"\n",
        "broken.blobl": "map oops {\n  root = (1\n}\n",
        "no_maps.blobl": "# comments only\n",
        "cycle_a.blobl": "import \"cycle_b.blobl\"\nmap a { root = 1 }\n",
        "cycle_b.blobl": "import \"cycle_a.blobl\"\nmap b { root = 2 }\n",
        "whole.blobl": "root.doubled = this.n * 2\nmeta seen = \"yes\"\n",
    ]

    @Test("imported maps are applied by name; from replaces the whole mapping")
    func working() {
        let env = memoryImports(Self.files)
        #expect(MappingHarness.run("import \"helpers.blobl\"\nroot = this.apply(\"double\").apply(\"inc\")", input: "5", environment: env) == .output("11"))
        let from = MappingHarness.runDetailed("from \"whole.blobl\"", input: #"{"n":4}"#, environment: env)
        #expect(from.result == .output(#"{"doubled":8}"#))
        #expect(from.metadata["seen"]?.tagged == #"s"yes""#)
    }

    @Test("a file of statements without maps is included where it is imported (a Sluice extension)")
    func importStatements() {
        let env = memoryImports(Self.files)
        let r = MappingHarness.runDetailed("root.before = 1\nimport \"whole.blobl\"", input: #"{"n":4}"#, environment: env)
        #expect(r.result == .output(#"{"before":1,"doubled":8}"#))
        #expect(r.metadata["seen"]?.tagged == #"s"yes""#)
    }

    @Test("every import error, with its position", arguments: [
        ParseErrorCase("import \"helpers.blobl\"\n1️⃣import \"helpers.blobl\"", "map name collisions from import 'helpers.blobl': [double inc]"),
        ParseErrorCase("import \"helpers.blobl\"\n1️⃣import \"conflict.blobl\"", "map name collisions from import 'conflict.blobl': [double]"),
        ParseErrorCase("map double { root = 1 }\n1️⃣import \"helpers.blobl\"", "map name collisions from import 'helpers.blobl': [double]"),
        ParseErrorCase(
            "1️⃣import \"bad_imports.blobl\"",
            "failed to parse import 'bad_imports.blobl': line 2 char 1: map name collisions from import 'conflict.blobl': [double]"),
        ParseErrorCase("1️⃣import \"broken.blobl\"", "failed to parse import 'broken.blobl': line 3 char 1: expected )"),
        ParseErrorCase("1️⃣import \"no_maps.blobl\"", "no maps to import from 'no_maps.blobl'"),
        ParseErrorCase(
            "1️⃣import \"cycle_a.blobl\"",
            "failed to parse import 'cycle_a.blobl': line 1 char 1: failed to parse import 'cycle_b.blobl': line 1 char 1: import cycle detected: cycle_a.blobl"),
        ParseErrorCase("import 1️⃣helpers", "expected quoted string"),
        ParseErrorCase("1️⃣from \"whole.blobl\"\nroot.x = 1", "from statements must be the only statement of a mapping"),
    ])
    func errors(_ c: ParseErrorCase) {
        expectParseError(MarkedSource(c.marked), c.message, environment: memoryImports(Self.files))
    }

    @Test("an import that cannot be read fails at the import statement")
    func unreadable() {
        let env = memoryImports(Self.files)
        let source = MarkedSource("root = 1\n1️⃣import \"missing.blobl\"\nroot.b = 2")
        let error = MappingHarness.parseError(source.text, environment: env)
        #expect(error.map { Position($0.location) } == source.location)
        #expect(error?.message.hasPrefix("failed to read import") == true)
        let nested = MappingHarness.parseError("import \"chain.blobl\"", environment: env)
        #expect(nested?.message.hasPrefix("failed to parse import 'chain.blobl': line 1 char 1: failed to read import") == true)
        // Benthos prints the importer's error (for files, Go's `open PATH: no such file or directory`).
        #expect(error?.message == "failed to read import: open missing.blobl: no such file or directory")
    }

    @Test("an environment without imports refuses them")
    func disabled() {
        let env = Environment.standard.withoutImports()
        expectParseError(MarkedSource("1️⃣import \"helpers.blobl\""), "imports are disabled in this context", environment: env)
        expectParseError(MarkedSource("1️⃣from \"whole.blobl\""), "imports are disabled in this context", environment: env)
    }
}
