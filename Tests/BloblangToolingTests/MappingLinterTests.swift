import Bloblang
import BloblangStdlib
import BloblangTooling
import Testing

@Suite("blobl lint")
struct MappingLinterTests {
    let linter = MappingLinter(environment: .standard)

    /// The findings as `line:col id` strings.
    func findings(_ text: String) -> [String] {
        linter.lint(text).map { "\($0.location.line):\($0.location.column) \($0.severity.rawValue) \($0.id)" }
    }

    @Test("a clean mapping has no findings")
    func clean() {
        #expect(findings("let x = this.a\nroot.b = $x.uppercase()\nroot.c = match this.d {\n  \"a\" => 1\n  _ => 2\n}\n") == [])
    }

    @Test("parse errors carry line and column")
    func parseError() {
        let f = linter.lint("root.a = 1\nroot.b = this.a.")
        #expect(f.count == 1)
        #expect(f.first?.severity == .error)
        #expect(f.first?.location.line == 2)
    }

    @Test("every unknown function and method is reported, with a suggestion")
    func unknownNames() {
        let f = linter.lint("root.a = this.a.uppercasee()\nroot.b = nowz()\nroot.c = this.c.lowercse()\n")
        #expect(f.map(\.id) == ["method.unknown", "function.unknown", "method.unknown"])
        #expect(f.map(\.location.line) == [1, 2, 3])
        #expect(f[0].help == ["did you mean `uppercase`?"])
        #expect(f[1].help == ["did you mean `now`?"])
        #expect(f.allSatisfy { $0.severity == .error })
    }

    @Test("wrong arguments are errors")
    func wrongArguments() {
        let f = linter.lint("root = this.a.replace_all(\"a\")\n")
        #expect(f.map(\.severity) == [.error])
        #expect(f.first?.message.contains("missing parameter") == true)
    }

    @Test(
        "warnings",
        arguments: [
            ("let unused = 5\nroot = this", ["1:5 warning variable.unused"]),
            ("let \"q\" = 5\nroot = this", ["1:5 warning variable.unused"]),
            ("let used = 5\nroot = $used", []),
            ("root = match this.a {\n  _ => 1\n  \"b\" => 2\n}", ["3:3 warning match.unreachable"]),
            ("root = match this.a {\n  \"a\" => 1, _ => 2, \"c\" => 3\n}", ["2:21 warning match.unreachable"]),
            ("root = match this.a {\n  this.b == _ => 1\n  \"c\" => 3\n}", []),
            ("if false { root.a = 1 }\nroot.b = 2", ["1:4 warning if.never"]),
            ("root = throw(\"stop\")\nroot.b = 2\nroot.c = 3", ["2:1 warning statement.unreachable"]),
            ("root = throw(\"stop\").catch(1)\nroot.b = 2", []),
            ("if this.a { root = throw(\"x\") }\nroot.b = 2", []),
            ("root = deleted()\nroot.b = 2", []),
        ])
    func warnings(text: String, expected: [String]) {
        #expect(findings(text) == expected)
    }
}
