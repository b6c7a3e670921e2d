import Bloblang
import BloblangStdlib
import BloblangTestSupport
import BloblangTooling
import Testing

@Suite("Parser: positions in Unicode text")
struct UnicodePositionTests {
    // Columns count Unicode scalars, as Benthos counts Go runes: for every single-scalar
    // character (é, 日, 😀) that is one column per character.
    @Test("columns count characters, not bytes", arguments: [
        ParseErrorCase("root = \"日本語\" 1️⃣x", "expected end of statement"),
        ParseErrorCase("root = \"😀😀\" 1️⃣x", "expected end of statement"),
        ParseErrorCase("root = \"é\" + \"ü\" 1️⃣x", "expected end of statement"),
        ParseErrorCase("root.\"ключ\" = 1️⃣nosuch()", "unrecognised function 'nosuch'"),
        ParseErrorCase("root.a = \"é\"\nroot.b = \"日本\"\nroot.c = \"😀\" 1️⃣x", "expected end of statement"),
        ParseErrorCase("# コメント\nroot = 1️⃣)", "expected query"),
        ParseErrorCase("root = \"ü\".1️⃣uppercas()", "unrecognised method 'uppercas'"),
        ParseErrorCase("root = this.\"ü\".1️⃣", "expected field name, method or `(`"),
    ])
    func columns(_ c: ParseErrorCase) {
        expectParseError(MarkedSource(c.marked), c.message)
    }

    @Test("a character made of several scalars counts one column per scalar, like a Go rune count")
    func multiScalarCharacter() {
        // 👍🏽 is one Character but two scalars (and two runes in Go).
        let source = MarkedSource("root = \"👍🏽\" 1️⃣x")
        #expect(source["1️⃣"].column == 13)
        expectParseError(source, "expected end of statement")
    }

    @Test("the marked-source helper finds every marker and removes it")
    func markedSource() {
        let s = MarkedSource("1️⃣ab\nc2️⃣d 😀3️⃣e🔟")
        #expect(s.text == "ab\ncd 😀e")
        #expect(s["1️⃣"] == Position(line: 1, column: 1))
        #expect(s["2️⃣"] == Position(line: 2, column: 2))
        #expect(s["3️⃣"] == Position(line: 2, column: 5))
        #expect(s["🔟"] == Position(line: 2, column: 6))
        #expect(s.offsets["3️⃣"] == Array("ab\ncd 😀".utf8).count)
        #expect(s["4️⃣"] == Position(line: 0, column: 0))
        #expect(MarkedSource("a1️⃣b").error("boom") == "line 1 char 2: boom")
    }
}

@Suite("Parser: limits")
struct ParserLimitTests {
    static let depth = 10_000

    @Test("10,000 nested brackets give a clear error, not a stack overflow", arguments: [
        ("array", String(repeating: "[", count: depth) + String(repeating: "]", count: depth)),
        ("parentheses", String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth)),
        ("object", String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth)),
        ("not", String(repeating: "!(", count: depth) + "true" + String(repeating: ")", count: depth)),
        ("arguments", String(repeating: "[1].map_each(", count: depth) + "1" + String(repeating: ")", count: depth)),
        ("if expressions", String(repeating: "if true { ", count: depth) + "1" + String(repeating: " }", count: depth)),
        ("match", String(repeating: "match { true => ", count: depth) + "1" + String(repeating: " }", count: depth)),
    ])
    func deepNesting(kind: String, expression: String) {
        guard let error = MappingHarness.parseError("root = " + expression) else {
            Issue.record("\(kind): \(Self.depth) levels of nesting parsed")
            return
        }
        #expect(error.message.contains("nested too deeply"), "\(kind): \(error.message)")
        #expect(error.id == "parse.too-deep", "\(kind)")
    }

    @Test("10,000 nested if statements give a clear error")
    func deepIfStatements() {
        let mapping = String(repeating: "if true {\n", count: Self.depth) + "root = 1\n" + String(repeating: "}\n", count: Self.depth)
        guard let error = MappingHarness.parseError(mapping) else {
            Issue.record("10,000 nested if statements parsed")
            return
        }
        #expect(error.message.contains("nested too deeply"))
    }

    @Test("moderate nesting parses and runs", arguments: [50, 150])
    func moderateNesting(depth: Int) {
        let array = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let expected = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(MappingHarness.run("root = " + array) == .output(expected))
        let parens = String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth)
        #expect(MappingHarness.run("root = " + parens) == .output("1"))
    }

    @Test("long flat chains (10,000 tails, 10,000 operands) parse without nesting limits")
    func longChains() {
        let path = "root = this" + String(repeating: ".a", count: 10_000)
        #expect(MappingHarness.run(path, input: "{}") == .output("null"))
        let sum = "root = " + Array(repeating: "1", count: 10_000).joined(separator: " + ")
        #expect(MappingHarness.run(sum) == .output("10000"))
        // These build 10,000-deep expression trees, which evaluate (and are freed) recursively:
        // run them on a large stack, as blobl does.
        let tails = "root = this" + String(repeating: ".(this)", count: 10_000)
        let dynamicSum = "root = " + Array(repeating: "this.a", count: 10_000).joined(separator: " + ")
        let results = LargeStack.run {
            [MappingHarness.run(tails, input: #"{"a":1}"#), MappingHarness.run(dynamicSum, input: #"{"a":2}"#)]
        }
        #expect(results == [.output(#"{"a":1}"#), .output("20000")])
    }

    @Test("a 1 MB string literal")
    func hugeString() throws {
        let body = String(repeating: "abcdefghij", count: 100_000)
        let mapping = "root.s = \"" + body + "\"\nroot.n = this.s.length() | root.s.length()"
        let run = MappingHarness.runDetailed(mapping)
        guard case .object(let o) = run.root, case .string(let s) = o["s"] else {
            Issue.record("unexpected result \(run.result)")
            return
        }
        #expect(s.utf8.count == 1_000_000)
        #expect(o["n"]?.tagged == "i1000000")
        let triple = try MappingHarness.evaluate("\"\"\"" + body + "\"\"\".length()")
        #expect(triple.tagged == "i1000000")
    }

    @Test("10,000 statements")
    func manyStatements() {
        var lines: [String] = []
        for i in 0..<10_000 { lines.append("root.f\(i) = \(i)") }
        lines.append("root.count = root.keys().length()")
        let run = MappingHarness.runDetailed(lines.joined(separator: "\n"))
        guard case .object(let o) = run.root else {
            Issue.record("unexpected result \(run.result)")
            return
        }
        #expect(o.count == 10_001)
        #expect(o["f9999"]?.tagged == "i9999")
        #expect(o["count"]?.tagged == "i10000")
    }

    @Test("an error on statement 10,000 names its line")
    func errorOnLastLine() {
        var lines = Array(repeating: "root.a = 1", count: 9_999)
        lines.append("root.b = nosuch()")
        #expect(MappingHarness.run(lines.joined(separator: "\n")) == .parseError("line 10000 char 10: unrecognised function 'nosuch'"))
        lines[9_999] = "root.b = this.x.number()"
        #expect(MappingHarness.run(lines.joined(separator: "\n"), input: "{}") == .error(
            "failed assignment (line 10000): expected number value, got null from field `this.x`"))
    }
}
