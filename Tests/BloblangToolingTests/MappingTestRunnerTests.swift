import Bloblang
import BloblangStdlib
import BloblangTooling
import Foundation
import Testing

@Suite("blobl test")
struct MappingTestRunnerTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path
    let runner = MappingTestRunner(environment: .standard)

    @Test("discovers *_test.yaml files in folders")
    func discovery() {
        let (files, missing) = MappingTestRunner.discover([Self.fixtures, "/nonexistent/folder"])
        #expect(files.map { ($0.path as NSString).lastPathComponent } == ["enrich_benthos_test.yaml"])
        #expect(files.allSatisfy { $0.fromFolder })
        #expect(missing == ["/nonexistent/folder"])
    }

    @Test("passing and failing tests, with a diff per failure")
    func runsFixture() throws {
        let result = runner.run(file: Self.fixtures + "/enrich_benthos_test.yaml")
        #expect(result.error == nil)
        #expect(result.cases.map(\.name) == ["uppercases the id", "fails on purpose"])
        #expect(result.cases.map(\.line) == [2, 15])
        #expect(result.cases[0].failures == [])
        let failures = result.cases[1].failures
        #expect(failures.count == 2)
        #expect(failures.first?.hasPrefix("batch 0 message 0: json_equals: JSON content mismatch") == true)
        #expect(failures.first?.contains("  -   \"n\": 3\n  +   \"n\": 2") == true)
        #expect(failures.last?.contains("(the mapping failed on this message:") == true)
        #expect(!result.passed)
        let text = MappingTestRunner.textReport([result])
        #expect(text.hasSuffix("1 passed, 1 failed\n"))
        let json = try JSONSerialization.jsonObject(with: Data(MappingTestRunner.jsonReport([result]).utf8)) as? [String: Any]
        #expect(json?["passed"] as? Bool == false)
    }

    @Test(
        "conditions",
        arguments: [
            (MappingTestCondition.contentEquals("abc"), "abc", true),
            (.contentEquals("abc"), "abd", false),
            (.jsonEquals(.object(["a": .int(1)])), #"{"a":1.0}"#, true),
            (.jsonEquals(.object(["a": .int(1)])), #"{"a":1,"b":2}"#, false),
            (.jsonEquals(.object(["a": .bool(true)])), #"{"a":1}"#, false),
            (.jsonContains(.object(["a": .int(1)])), #"{"a":1,"b":2}"#, true),
            (.jsonContains(.object(["c": .int(1)])), #"{"a":1,"b":2}"#, false),
            (.metadataEquals(["k": .string("v")]), "x", true),
            (.metadataEquals(["k": .string("w")]), "x", false),
            (.metadataEquals(["missing": .string("w")]), "x", false),
        ])
    func condition(_ condition: MappingTestCondition, content: String, passes: Bool) {
        let message = TestMessage(content: Array(content.utf8), metadata: ["k": .string("v")])
        let why = condition.check(message)
        #expect((why == nil) == passes, "\(why ?? "passed")")
    }

    @Test("a bad file is reported, not crashed on")
    func badFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("blobl-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let cases = [
            ("tests: 5\n", "expected a `tests:` list"),
            ("tests:\n  - name: a\n    input_batch: []\n", "`target_mapping` (the path of a .blobl file) is required"),
            ("tests:\n  - name: a\n    target_mapping: x.blobl\n    input_batch: []\n    output_batches: [[{nope: 1}]]\n", "unknown condition `nope`"),
            ("tests:\n  - name: a\n    target_processors: x\n", "use `sluice test`"),
            ("tests: [\n", "not valid YAML"),
        ]
        for (i, (yaml, expected)) in cases.enumerated() {
            let path = dir.appendingPathComponent("c\(i)_test.yaml").path
            try yaml.write(toFile: path, atomically: true, encoding: .utf8)
            let r = runner.run(file: path)
            #expect(r.error?.contains(expected) == true, "\(r.error ?? "no error")")
        }
        let missing = dir.appendingPathComponent("m_test.yaml").path
        try "tests:\n  - name: a\n    target_mapping: nothere.blobl\n    input_batch: [{content: x}]\n".write(
            toFile: missing, atomically: true, encoding: .utf8)
        #expect(runner.run(file: missing).cases.first?.failures.first?.contains("failed to read target_mapping") == true)
    }
}
