import Foundation
import Testing

// End-to-end tests of `blobl fmt`, `blobl lint` and `blobl test` on the built binary.

@Suite("blobl fmt, lint and test end to end", .enabled(if: BloblProcess.isAvailable, Comment(rawValue: BloblProcess.missingMessage)))
struct BloblToolsEndToEndTests {
    @Test("fmt prints, --check lists unformatted files, -w writes them")
    func fmt() throws {
        let dir = try BloblProcess.makeScratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let messy = dir.appendingPathComponent("messy.blobl").path
        let clean = dir.appendingPathComponent("clean.blobl").path
        try "root.a = this.a+1 # add\nif this.b {\nroot.c = [ 1,2 ]\n}\n".write(toFile: messy, atomically: true, encoding: .utf8)
        try "root = this\n".write(toFile: clean, atomically: true, encoding: .utf8)

        let printed = try BloblProcess.run(["fmt", messy], input: "")
        #expect(printed.status == 0)
        #expect(printed.stdout == "root.a = this.a + 1 # add\nif this.b {\n  root.c = [1, 2]\n}\n")

        let check = try BloblProcess.run(["fmt", "--check", messy, clean], input: "")
        #expect(check.status == 1)
        #expect(check.stdout == messy + "\n")

        let write = try BloblProcess.run(["fmt", "-w", messy, clean], input: "")
        #expect(write.status == 0)
        #expect(try String(contentsOfFile: messy, encoding: .utf8) == printed.stdout)
        #expect(try BloblProcess.run(["fmt", "--check", messy, clean], input: "").status == 0)
    }

    @Test("fmt refuses a mapping that does not parse, with its position")
    func fmtInvalid() throws {
        let r = try BloblProcess.run(["fmt", "-"], input: "root = this.\n")
        #expect(r.status == 1)
        #expect(r.stdout == "")
        #expect(r.stderr.contains("<mapping>: line 2 char 1: expected field name"))
    }

    @Test("lint: errors exit 1, warnings alone exit 0")
    func lint() throws {
        let bad = try BloblProcess.run(["lint", "-"], input: "let x = 1\nroot = this.a.uppercasee()\n")
        #expect(bad.status == 1)
        #expect(
            bad.stdout == """
                <stdin>:1:5: warning[variable.unused]: variable 'x' is set but never read
                <stdin>:2:15: error[method.unknown]: unrecognised method 'uppercasee'
                    = help: did you mean `uppercase`?

                """)
        let warn = try BloblProcess.run(["lint", "-"], input: "let x = 1\nroot = this\n")
        #expect(warn.status == 0)
        #expect(warn.stdout.contains("warning[variable.unused]"))
        let ok = try BloblProcess.run(["lint", "-"], input: "root = this\n")
        #expect(ok.status == 0)
        #expect(ok.stdout == "")
    }

    @Test("test: a report per test, exit 1 on failure, --json")
    func mappingTests() throws {
        let dir = try BloblProcess.makeScratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "root.id = this.id.uppercase()\n".write(
            toFile: dir.appendingPathComponent("up.blobl").path, atomically: true, encoding: .utf8)
        let yaml = """
            tests:
              - name: passes
                target_mapping: up.blobl
                input_batch: [{content: '{"id":"a"}'}]
                output_batches: [[{json_equals: {id: A}}]]
              - name: fails
                target_mapping: up.blobl
                input_batch: [{content: '{"id":"a"}'}]
                output_batches: [[{content_equals: 'nope'}]]

            """
        try yaml.write(toFile: dir.appendingPathComponent("up_test.yaml").path, atomically: true, encoding: .utf8)
        let r = try BloblProcess.run(["test", dir.path], input: "")
        #expect(r.status == 1)
        let path = dir.appendingPathComponent("up_test.yaml").path
        #expect(
            r.stdout == """
                PASS \(path):2 passes
                FAIL \(path):6 fails
                  batch 0 message 0: content_equals: content mismatch
                    expected: nope
                    received: {"id":"A"}
                1 passed, 1 failed

                """)
        let json = try BloblProcess.run(["test", "--json", path], input: "")
        #expect(json.status == 1)
        let report = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(report?["passed"] as? Bool == false)
    }
}
