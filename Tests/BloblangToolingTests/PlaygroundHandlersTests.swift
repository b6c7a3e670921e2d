import Bloblang
import BloblangStdlib
import BloblangTooling
import Foundation
import Testing

@Suite("blobl server handlers")
struct PlaygroundHandlersTests {
    let handlers = PlaygroundHandlers(environment: .standard, initialMapping: "root = this", initialInput: "{}")

    func execute(_ request: [String: Value], on h: PlaygroundHandlers? = nil) async throws -> [String: Value] {
        let response = await (h ?? handlers).execute(body: JSONWriter.compact(.object(request)))
        guard case .object(let obj) = try JSONReader.parse(response.body) else {
            Issue.record("not an object")
            return [:]
        }
        return obj
    }

    func string(_ v: Value?) -> String? { if case .string(let s)? = v { s } else { nil } }
    func int(_ v: Value?) -> Int64? { if case .int(let i)? = v { i } else { nil } }

    @Test("a mapping's result and metadata")
    func result() async throws {
        let r = try await execute([
            "mapping": .string("root.a = this.x.uppercase()\nmeta out = @in + 1"), "input": .string(#"{"x":"hi"}"#),
            "metadata": .string(#"{"in":1}"#),
        ])
        #expect(string(r["result"]) == "{\n  \"a\": \"HI\"\n}")
        guard case .object(let meta)? = r["metadata"] else {
            Issue.record("no metadata")
            return
        }
        #expect(int(meta["out"]) == 2)
        #expect(int(meta["in"]) == 1)
    }

    @Test("string results are raw; deleted messages say so")
    func rawAndDeleted() async throws {
        #expect(string(try await execute(["mapping": .string("root = \"text\""), "input": .string("")])["result"]) == "text")
        let deleted = try await execute(["mapping": .string("root = deleted()"), "input": .string("{}")])
        if case .bool(let b)? = deleted["deleted"] { #expect(b) } else { Issue.record("no deleted flag") }
    }

    @Test("parse errors carry line and column")
    func parseError() async throws {
        let r = try await execute(["mapping": .string("root.a = 1\nroot.b = this.a.uper()"), "input": .string("{}")])
        guard case .object(let e)? = r["error"] else {
            Issue.record("no error")
            return
        }
        #expect(string(e["kind"]) == "parse")
        #expect(int(e["line"]) == 2)
        #expect(int(e["column"]) == 17)
        #expect(string(e["message"]) == "unrecognised method 'uper'")
    }

    @Test("runtime errors carry the statement line")
    func runtimeError() async throws {
        let r = try await execute(["mapping": .string("root.a = 1\nroot.b = this.a.uppercase()"), "input": .string(#"{"a":5}"#)])
        guard case .object(let e)? = r["error"] else {
            Issue.record("no error")
            return
        }
        #expect(string(e["kind"]) == "runtime")
        #expect(int(e["line"]) == 2)
    }

    @Test("a slow mapping gets a timeout answer instead of hanging")
    func timeout() async throws {
        let strict = PlaygroundHandlers(
            environment: .standard, limits: .init(deadline: .milliseconds(1)), initialMapping: "", initialInput: "")
        // Enough work to outlast a millisecond on any machine.
        let slow = "root = range(0, 100000).map_each(x -> range(0, 200).map_each(y -> x * y).sum()).sum()"
        let r = try await execute(["mapping": .string(slow), "input": .string("{}")], on: strict)
        guard case .object(let e)? = r["error"] else {
            Issue.record("expected a timeout, got \(r)")
            return
        }
        #expect(string(e["kind"]) == "timeout")
    }

    @Test("oversized input is refused")
    func tooLarge() async throws {
        let small = PlaygroundHandlers(
            environment: .standard, limits: .init(maxInputBytes: 10), initialMapping: "", initialInput: "")
        let r = try await execute(["mapping": .string("root = this"), "input": .string(String(repeating: "x", count: 20))], on: small)
        guard case .object(let e)? = r["error"] else {
            Issue.record("no error")
            return
        }
        #expect(string(e["kind"]) == "input")
    }

    @Test("specs list functions and methods with signatures")
    func specs() {
        let s = handlers.specs()
        guard case .array(let methods)? = s["methods"], case .array(let functions)? = s["functions"] else {
            Issue.record("no lists")
            return
        }
        #expect(methods.count > 50)
        #expect(functions.count > 10)
        let replaceAll = methods.first { if case .object(let o) = $0 { string(o["name"]) == "replace_all" } else { false } }
        if case .object(let o)? = replaceAll { #expect(string(o["signature"]) == ".replace_all(old, new)") } else {
            Issue.record("replace_all missing")
        }
    }

    @Test("save writes the files only with -w")
    func save() throws {
        #expect(handlers.save(body: Array(#"{"mapping":"root = 1"}"#.utf8)).status == 403)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("playground-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let m = dir.appendingPathComponent("m.blobl").path
        let i = dir.appendingPathComponent("i.json").path
        let writer = PlaygroundHandlers(
            environment: .standard, initialMapping: "", initialInput: "", mappingPath: m, inputPath: i, writeBack: true)
        #expect(writer.save(body: Array(#"{"mapping":"root = 1\n","input":"{}"}"#.utf8)).status == 200)
        #expect(try String(contentsOfFile: m, encoding: .utf8) == "root = 1\n")
        #expect(try String(contentsOfFile: i, encoding: .utf8) == "{}")
        #expect(string(writer.state()["mapping"]) == "root = 1\n")
    }
}
