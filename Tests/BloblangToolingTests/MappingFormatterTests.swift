import Bloblang
import BloblangStdlib
import BloblangTooling
import Foundation
import Testing

/// One mapping with the inputs to run it on.
struct MappingCase: Sendable, CustomTestStringConvertible {
    var id: String
    var mapping: String
    var inputs: [String]
    var testDescription: String { id }
}

/// The conformance vectors (when the shared folder exists) and every file in mappings/.
enum MappingCorpus {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let conformanceDirectory =
        ProcessInfo.processInfo.environment["SLUICE_CONFORMANCE_CASES"] ?? "/work/shared/conformance/cases"

    static let cases: [MappingCase] = {
        var out: [MappingCase] = []
        let fm = FileManager.default
        let files = ((try? fm.contentsOfDirectory(atPath: conformanceDirectory)) ?? []).filter { $0.hasSuffix(".jsonl") }.sorted()
        for file in files {
            guard let data = fm.contents(atPath: conformanceDirectory + "/" + file) else { continue }
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
                guard let obj = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                    let id = obj["id"] as? String, let mapping = obj["mapping"] as? String, let input = obj["input"] as? String
                else { continue }
                let setup = obj["setup_inputs"] as? [String] ?? []
                out.append(MappingCase(id: id, mapping: mapping, inputs: setup + [input]))
            }
        }
        let mappings = packageRoot.appendingPathComponent("mappings").path
        let enumerator = fm.enumerator(atPath: mappings)
        while let name = enumerator?.nextObject() as? String {
            guard name.hasSuffix(".blobl"), let data = fm.contents(atPath: mappings + "/" + name) else { continue }
            out.append(MappingCase(id: "mappings/" + name, mapping: String(decoding: data, as: UTF8.self), inputs: ["{}"]))
        }
        return out
    }()
}

/// What running a mapping on its inputs gave, with line numbers masked (formatting may drop
/// blank lines, which moves them).
private func outcomes(_ mapping: Mapping, _ inputs: [String]) -> [String] {
    LargeStack.run {
        let executor = LineExecutor(mapping: mapping)
        return inputs.map { input -> String in
            switch executor.run(Array(input.utf8)) {
            case .output(let bytes): return "output: " + String(decoding: bytes, as: UTF8.self)
            case .failure(let message):
                return "error: " + message.replacingOccurrences(of: #"line \d+"#, with: "line N", options: .regularExpression)
            }
        }
    }
}

@Suite("blobl fmt")
struct MappingFormatterTests {
    let formatter = MappingFormatter()

    @Test(
        "canonical spacing and indentation",
        arguments: [
            ("root = 1+2", "root = 1 + 2\n"),
            ("root = [ 1 , 2 ]", "root = [1, 2]\n"),
            ("root = { \"a\" : 1 }", "root = {\"a\": 1}\n"),
            ("root = this.a.replace_all(\"a\",\"b\")", "root = this.a.replace_all(\"a\", \"b\")\n"),
            ("root = -this.a - - 2", "root = -this.a - -2\n"),
            ("root = - -5", "root = - -5\n"),
            ("root = !this.a", "root = !this.a\n"),
            ("if this.a {root.b = 1}", "if this.a { root.b = 1 }\n"),
            ("root.x = this.items.map_each(i -> i+1)", "root.x = this.items.map_each(i -> i + 1)\n"),
            ("root = match this.a {\n\"x\" => 1\n    _ => 2\n}", "root = match this.a {\n  \"x\" => 1\n  _ => 2\n}\n"),
            ("map m {\n root.a = [\n1,\n2\n]\n}", "map m {\n  root.a = [\n    1,\n    2\n  ]\n}\n"),
            ("root = this.a +\nthis.b", "root = this.a +\n  this.b\n"),
            ("\n\nroot.a = 1   # trailing  \n\n\n\nroot.b = 2\n\n", "root.a = 1 # trailing\n\nroot.b = 2\n"),
            ("root = \"\"\"a\n   b  \"\"\"", "root = \"\"\"a\n   b  \"\"\"\n"),
            ("root = this.items.0.name", "root = this.items.0.name\n"),
            ("root = this.(a | b)", "root = this.(a | b)\n"),
        ])
    func canonical(input: String, expected: String) throws {
        let out = try formatter.formatChecked(input, environment: .standard)
        #expect(out == expected)
        #expect(try formatter.formatChecked(out, environment: .standard) == out)
    }

    @Test("a mapping that does not parse is refused with its error")
    func refusesInvalid() {
        do {
            _ = try formatter.formatChecked("root = this.a.\n", environment: .standard)
            Issue.record("expected a failure")
        } catch {
            #expect(error.code == .doesNotParse)
            #expect(error.parseError?.location.line == 2)
        }
    }

    @Test("the corpus is there", .enabled(if: FileManager.default.fileExists(atPath: MappingCorpus.conformanceDirectory)))
    func corpusLoaded() {
        #expect(MappingCorpus.cases.count > 100)
    }

    /// Every mapping: formatting is idempotent, and the result gives the same outputs and
    /// errors on the case's inputs.
    @Test("fmt keeps meaning and is idempotent", arguments: MappingCorpus.cases)
    func roundTrip(_ c: MappingCase) throws {
        let original: Mapping
        do {
            original = try Environment.standard.parse(c.mapping)
        } catch {
            // Cases that document a parse error: fmt must refuse them the same way.
            #expect(throws: MappingFormatter.Failure.self) { try formatter.formatChecked(c.mapping, environment: .standard) }
            return
        }
        let formatted = try formatter.formatChecked(c.mapping, environment: .standard)
        #expect(try formatter.formatChecked(formatted, environment: .standard) == formatted, "fmt(fmt(x)) != fmt(x)")
        let reformatted = try Environment.standard.parse(formatted)
        let before = outcomes(original, c.inputs)
        // Nondeterministic mappings (now(), uuid_v4(), ...) differ between two runs of the
        // original too; for those only the formatting properties above are checked.
        let again = outcomes(try Environment.standard.parse(c.mapping), c.inputs)
        guard before == again else { return }
        #expect(outcomes(reformatted, c.inputs) == before, "formatted:\n\(formatted)")
    }
}
