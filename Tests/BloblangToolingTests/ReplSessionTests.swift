import Bloblang
import BloblangStdlib
import BloblangTooling
import Testing

@Suite("blobl repl session")
struct ReplSessionTests {
    @Test(
        "continuation while brackets, triple quotes or an operator are open",
        arguments: [
            ("root = match this {", true), ("root = [1,", true), ("root = \"\"\"abc", true), ("root = this.a +", true),
            ("root = this.a", false), ("root = {\"a\": 1}", false), ("root = \"{\"", false), ("# {", false),
            ("if this.a {", true), ("root = \"\"\"x\"\"\"", false), (":input {", false),
        ])
    func continuation(text: String, more: Bool) {
        #expect(ReplSession.needsContinuation(text) == more)
    }

    @Test("statements accumulate; expressions see the result")
    func session() {
        let s = ReplSession(environment: .standard)
        #expect(s.handle(#":input {"a":2}"#) == .output("{\n  \"a\": 2\n}"))
        #expect(s.handle("root.b = this.a * 10") == .output("{\n  \"b\": 20\n}"))
        #expect(s.handle("root.b + 1") == .output("21"))
        #expect(s.handle("let v = \"x\"") == .output("\"x\""))
        #expect(s.handle("$v.uppercase()") == .output("\"X\""))
        #expect(s.statements == ["root.b = this.a * 10", "let v = \"x\""])
        // A statement that fails at run time is not kept.
        if case .error(let e) = s.handle("root.c = this.a.uppercase()") {
            #expect(e.contains("(the statement was not added)"))
        } else {
            Issue.record("expected an error")
        }
        #expect(s.statements.count == 2)
        #expect(s.handle(":reset") == .output("reset"))
        #expect(s.statements.isEmpty)
        #expect(s.handle(":quit") == .quit)
    }

    @Test("completion: methods after a dot, functions elsewhere, commands at the start")
    func completion() {
        let s = ReplSession(environment: .standard)
        let m = s.completions(line: "root = this.a.upperc", cursor: 20)
        #expect(m.start == 14)
        #expect(m.candidates == ["uppercase"])
        #expect(s.completions(line: "root = uuid_v", cursor: 13).candidates == ["uuid_v4", "uuid_v7"])
        #expect(s.completions(line: ":lo", cursor: 3).candidates == [":load-input", ":load"].sorted())
    }

    @Test(":doc shows the spec; unknown names get a suggestion")
    func doc() {
        let s = ReplSession(environment: .standard)
        guard case .output(let text) = s.handle(":doc replace_all") else {
            Issue.record("no doc")
            return
        }
        #expect(text.hasPrefix("replace_all (method, String Manipulation)\n"))
        #expect(text.contains(".replace_all(old, new)"))
        #expect(s.handle(":doc uppercse") == .error("error: no function or method named 'uppercse' (did you mean uppercase?)"))
    }
}
