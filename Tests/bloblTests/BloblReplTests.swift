import Foundation
import Testing

// `blobl repl`: piped mode through stdin, and the terminal mode through tmux (a real pty).

@Suite("blobl repl", .enabled(if: BloblProcess.isAvailable, Comment(rawValue: BloblProcess.missingMessage)))
struct BloblReplTests {
    @Test("piped: statements build the mapping, expressions print values, errors have a caret")
    func piped() throws {
        let script = """
            :input {"a":1,"s":"hi"}
            this.a + 1
            root.b = this.s.uppercase()
            root.c = match this.a {
              1 => "one"
              _ => "other"
            }
            let x = 5
            $x * 2
            root.d = this.s.uper()
            :meta topic=orders
            @topic
            :mapping
            :functions uuid_v
            :doc uppercase
            :nope
            """
        let r = try BloblProcess.run(["repl", "--history-file", "/dev/null"], input: script + "\n")
        #expect(r.status == 0)
        #expect(
            r.stdout.hasPrefix(
                """
                {
                  "a": 1,
                  "s": "hi"
                }
                2
                {
                  "b": "HI"
                }
                {
                  "b": "HI",
                  "c": "one"
                }
                5
                10
                {
                  "topic": "orders"
                }
                "orders"
                root.b = this.s.uppercase()
                root.c = match this.a {
                  1 => "one"
                  _ => "other"
                }
                let x = 5
                uuid_v4  Generates a random version 4 UUID.
                uuid_v7  Generates a time-ordered version 7 UUID.
                uppercase (method, String Manipulation)

                """), "\(r.stdout)")
        #expect(
            r.stderr == """
                error: unrecognised method 'uper'
                 --> <repl>:1:17
                  |
                1 | root.d = this.s.uper()
                  |                 ^
                error: unknown command :nope; :help lists the commands

                """)
    }

    @Test("piped: :reset, :load and :input errors")
    func commands() throws {
        let dir = try BloblProcess.makeScratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("m.blobl").path
        try "root.x = this.n * 2\n".write(toFile: file, atomically: true, encoding: .utf8)
        let r = try BloblProcess.run(
            ["repl", "--history-file", "/dev/null"], input: ":input {bad\n:input {\"n\":4}\n:load \(file)\nroot\n:reset\n:mapping\n")
        #expect(r.stdout == "{\n  \"n\": 4\n}\nloaded \(file)\n{\n  \"x\": 8\n}\nreset\n(empty)\n")
        #expect(r.stderr.hasPrefix("error: the input is not valid JSON"))
    }
}

// The terminal mode (raw-mode line editor) is tested through tmux by scripts/repl-pty-test:
// a tmux server started from inside the test process outlives the Process that started it
// and keeps Foundation's Process.waitUntilExit from returning, so that test is a shell script.
