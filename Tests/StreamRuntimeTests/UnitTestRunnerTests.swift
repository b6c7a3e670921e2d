import Bloblang
import BloblangStdlib
import Foundation
import StreamComponents
import StreamRuntime
import Testing

/// Config unit tests (`sluice test`): parsing, conditions, diffs, discovery, running, and the
/// built binary end to end.
@Suite struct UnitTestRunnerTests {
    // MARK: - Helpers

    static func parseCase(_ yaml: String) throws -> UnitTestCase {
        let node = try ConfigLoader.parseYAML(yaml)
        return try UnitTestCase(node, path: "tests[0]", environment: .standard)
    }

    static func conditions(_ yaml: String) throws -> OutputConditions {
        try OutputConditions(try ConfigLoader.parseYAML(yaml), path: "c", environment: .standard)
    }

    /// The failures of the conditions in `yaml` on a message.
    static func check(_ yaml: String, _ message: Message, directory: String = "/") throws -> [String] {
        try conditions(yaml).check(message, directory: directory)
    }

    /// A fresh folder holding `files` (relative path → text); removed by the caller.
    static func folder(_ files: [String: String]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-unit-\(UUID().uuidString)").path
        for (path, text) in files {
            let full = (dir as NSString).appendingPathComponent(path)
            try FileManager.default.createDirectory(
                atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: true, encoding: .utf8)
        }
        return dir
    }

    static var runner: UnitTestRunner { UnitTestRunner(registry: StreamComponents.registry) }

    // MARK: - Parsing

    @Test func parsesEveryField() throws {
        let c = try Self.parseCase(
            """
            name: all fields
            environment: {A: "1", B: two}
            target_processors: other.yaml#/pipeline/processors/0
            mocks:
              some_label: {mapping: 'root = "m"'}
              /pipeline/processors/1: {noop: {}}
            input_batches:
              - - content: first
            input_batch:
              - content: plain
                metadata: {n: 5, f: 1.5, s: "5", b: true}
              - json_content: {b: [1, "<x>"], a: 2.0}
              - file_content: ./in.txt
            output_batches:
              - - content_equals: x
                  json_equals: {a: 1}
                  bloblang: 'this.a == 1'
            """)
        #expect(c.name == "all fields")
        #expect(c.line == 1)
        #expect(c.environment == ["A": "1", "B": "two"])
        #expect(c.targetProcessors == "other.yaml#/pipeline/processors/0")
        #expect(c.targetMapping == "")
        // JSON pointer mocks come before label mocks.
        #expect(c.mocks.map(\.target) == ["/pipeline/processors/1", "some_label"])
        // input_batches first, then input_batch.
        #expect(c.inputBatches.count == 2)
        #expect(c.inputBatches[0].map(\.content) == ["first"])
        let batch = c.inputBatches[1]
        #expect(batch[0].content == "plain")
        #expect(batch[0].metadata["n"].map { $0.looselyEquals(.int(5)) } == true)
        #expect(batch[0].metadata["s"].map { $0.looselyEquals(.string("5")) } == true)
        #expect(batch[0].metadata["f"].map { $0.looselyEquals(.float(1.5)) } == true)
        #expect(batch[0].metadata["b"].map { $0.looselyEquals(.bool(true)) } == true)
        // json_content is written as compact JSON with sorted keys and Go's HTML escaping.
        #expect(batch[1].content == #"{"a":2,"b":[1,"\u003cx\u003e"]}"#)
        #expect(batch[2].filePath == "./in.txt")
        #expect(c.outputBatches.count == 1)
        // Conditions run in the order of their names.
        #expect(c.outputBatches[0][0].conditions.map(\.name) == ["bloblang", "content_equals", "json_equals"])
    }

    @Test func defaultsAndCaseLines() throws {
        let root = try ConfigLoader.parseYAML(
            """
            pipeline: {}
            tests:
              - name: first
                input_batch: [{content: a}]
              - name: second
                target_mapping: ./m.blobl
            """)
        let cases = try UnitTestCase.cases(in: root, environment: .standard)
        #expect(cases.map(\.name) == ["first", "second"])
        #expect(cases.map(\.line) == [3, 5])
        #expect(cases[0].targetProcessors == "/pipeline/processors")
        #expect(cases[0].environment == nil)
        #expect(cases[1].targetMapping == "./m.blobl")
        #expect(cases[1].outputBatches.isEmpty)
    }

    @Test(arguments: [
        ("name: x\ninput_bach: []", "field input_bach not recognised, did you mean input_batch?"),
        ("name: x\noutput_batches:\n  - - content_equal: a", "field content_equal not recognised, did you mean content_equals?"),
        ("name: x\ninput_batch:\n  - contents: a", "field contents not recognised, did you mean content?"),
        ("target_processors: /x", "field name is required"),
        ("name: [a]", "expected string value"),
        ("name: x\ninput_batch: {content: a}", "expected array value"),
        ("name: x\noutput_batches:\n  - - bloblang: 'this.'", "bloblang: "),
        ("name: x\noutput_batches:\n  - - content_matches: '(['", "content_matches: invalid pattern"),
    ])
    func parseErrors(yaml: String, message: String) throws {
        do {
            _ = try Self.parseCase(yaml)
            Issue.record("expected an error containing \(message)")
        } catch let e as ConfigError {
            #expect(e.message.contains(message), "\(e.message)")
            #expect(e.location != nil)
        }
    }

    // MARK: - Conditions

    @Test func contentEquals() throws {
        #expect(try Self.check("content_equals: foo bar", Message("foo bar")).isEmpty)
        #expect(
            try Self.check("content_equals: foo bar", Message("foo baz"))
                == ["content_equals: content mismatch\n  expected: foo bar\n  received: foo baz"])
    }

    @Test func contentMatches() throws {
        let pattern = #"content_matches: '^foo [a-z]+ bar$'"#
        #expect(try Self.check(pattern, Message("foo and bar")).isEmpty)
        #expect(
            try Self.check(pattern, Message("foo & bar"))
                == ["content_matches: pattern mismatch\n   pattern: ^foo [a-z]+ bar$\n  received: foo & bar"])
        // The pattern may match anywhere, as Go's regexp.Match does.
        #expect(try Self.check("content_matches: 'b+'", Message("abbc")).isEmpty)
    }

    @Test func metadataEquals() throws {
        let yaml = "metadata_equals: {foo: bar, n: 5}"
        #expect(try Self.check(yaml, Message("x", metadata: ["foo": .string("bar"), "n": .int(5)])).isEmpty)
        // Numbers compare by value, as Benthos's ICompare does.
        #expect(try Self.check(yaml, Message("x", metadata: ["foo": .string("bar"), "n": .float(5)])).isEmpty)
        #expect(
            try Self.check(yaml, Message("x", metadata: ["n": .int(5)]))
                == ["metadata_equals: metadata key 'foo' expected but not found"])
        #expect(
            try Self.check(yaml, Message("x", metadata: ["foo": .string("wrong"), "n": .int(5)]))
                == ["metadata_equals: metadata key 'foo' mismatch\n  expected: bar\n  received: wrong"])
        // Structured metadata compares structurally.
        let structured = "metadata_equals: {obj: {a: [1, x]}}"
        let obj = Value.object(["a": .array([.int(1), .string("x")])])
        #expect(try Self.check(structured, Message("x", metadata: ["obj": obj])).isEmpty)
    }

    @Test func bloblangCondition() throws {
        let m = Message(#"{"age":12}"#, metadata: ["foo": .string("x")])
        #expect(try Self.check("bloblang: 'this.age > 10 && @foo.length() > 0'", m).isEmpty)
        #expect(try Self.check("bloblang: 'this.age > 20'", m) == ["bloblang: bloblang expression was false"])
        #expect(
            try Self.check("bloblang: 'this.age'", m) == ["bloblang: expected bool value, got number from mapping (12)"])
        #expect(
            try Self.check("bloblang: 'root = deleted()'", m)
                == ["bloblang: query mapping resulted in deleted message, expected a boolean value"])
        let failure = try Self.check("bloblang: 'this.nope.uppercase() == \"A\"'", m)
        #expect(failure.count == 1 && failure[0].hasPrefix("bloblang: failed assignment (line 1):"), "\(failure)")
        var errored = Message("x")
        errored.error = "boom"
        #expect(try Self.check(#"bloblang: 'errored() && error() == "boom"'"#, errored).isEmpty)
    }

    @Test func jsonEquals() throws {
        let yaml = "json_equals: {a: 1, b: [x, {c: true}]}"
        #expect(try Self.check(yaml, Message(#"{"b":["x",{"c":true}],"a":1.0}"#)).isEmpty)
        // A YAML string is taken as the JSON text.
        #expect(try Self.check(#"json_equals: '{"a": 1}'"#, Message(#"{"a":1}"#)).isEmpty)
        let failure = try Self.check(yaml, Message(#"{"a":2,"b":["x",{"c":true}],"d":null}"#))
        #expect(
            failure == [
                """
                json_equals: JSON content mismatch
                  --- expected
                  +++ received
                    {
                  -     "a": 1,
                  +     "a": 2,
                        "b": [
                            "x",
                            {
                                "c": true
                            }
                  -     ]
                  +     ],
                  +     "d": null
                    }
                """
            ], "\(failure)")
        let invalid = try Self.check(yaml, Message("not json"))
        #expect(invalid.count == 1, "\(invalid)")
        #expect(invalid.first?.hasPrefix("json_equals: JSON content mismatch\n  the message is not valid JSON: ") == true)
        #expect(invalid.first?.hasSuffix("\n  received: not json") == true)
    }

    @Test func jsonContains() throws {
        let yaml = "json_contains: {resource: {host: aaa}, list: [1]}"
        #expect(try Self.check(yaml, Message(#"{"resource":{"host":"aaa","zone":"z"},"list":[1,2],"x":1}"#)).isEmpty)
        let failure = try Self.check(yaml, Message(#"{"resource":{"zone":"z"},"list":[3]}"#))
        #expect(
            failure == [
                """
                json_contains: JSON superset mismatch
                  .list[0]: expected 1, received 3
                  .resource.host: expected "aaa", not found
                  received: {"list":[3],"resource":{"zone":"z"}}
                """
            ], "\(failure)")
        // Keys that are not plain names are quoted in paths.
        let dotted = try Self.check(#"json_contains: {"service.name": a}"#, Message(#"{"service.name":"b"}"#))
        #expect(dotted.first?.contains(#"."service.name": expected "a", received "b""#) == true, "\(dotted)")
    }

    @Test func fileConditions() throws {
        let dir = try Self.folder([
            "inner/upper.txt": "FOO BAR", "doc.json": #"{"a": 1, "b": 2}"#, "part.json": #"{"a": 1}"#,
        ])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try Self.check("file_equals: ./inner/upper.txt", Message("FOO BAR"), directory: dir).isEmpty)
        #expect(
            try Self.check("file_equals: ./inner/upper.txt", Message("foo bar"), directory: dir)
                == ["file_equals: content mismatch\n  expected: FOO BAR\n  received: foo bar"])
        let missing = try Self.check("file_equals: ./nope.txt", Message("x"), directory: dir)
        #expect(missing.first?.hasPrefix("file_equals: failed to read comparison file: open ") == true, "\(missing)")
        #expect(try Self.check("file_json_equals: doc.json", Message(#"{"b":2,"a":1}"#), directory: dir).isEmpty)
        #expect(try Self.check("file_json_equals: doc.json", Message(#"{"a":1}"#), directory: dir).count == 1)
        #expect(try Self.check("file_json_contains: part.json", Message(#"{"b":2,"a":1}"#), directory: dir).isEmpty)
        #expect(try Self.check("file_json_contains: doc.json", Message(#"{"a":1}"#), directory: dir).count == 1)
    }

    @Test func inputFromFile() throws {
        let dir = try Self.folder(["in/data.txt": "from a file"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let input = try UnitTestInput(try ConfigLoader.parseYAML("file_content: ./in/data.txt\nmetadata: {k: v}"), path: "i")
        let message = try input.message(directory: dir)
        #expect(message.text == "from a file")
        #expect(message.metadata["k"].map { $0.looselyEquals(.string("v")) } == true)
        #expect(throws: UnitTestError.self) { try UnitTestInput(filePath: "missing.txt").message(directory: dir) }
    }

    // MARK: - Diffs

    @Test func multiLineContentGetsALineDiff() throws {
        let failure = try Self.check("content_equals: \"one\\ntwo\\nthree\\n\"", Message("one\n2\nthree\n"))
        #expect(
            failure == [
                """
                content_equals: content mismatch
                  --- expected
                  +++ received
                    one
                  - two
                  + 2
                    three
                """
            ], "\(failure)")
    }

    @Test func diffMarksAMissingFinalLineBreak() {
        let text = TextDiff.render(expected: "a\nb\n", received: "a\nb")
        #expect(text == "  --- expected\n  +++ received\n    a\n  - b\n  + b (no line break at end)")
    }

    @Test func diffKeepsContextAroundChanges() {
        let expected = (1...20).map(String.init).joined(separator: "\n")
        let received = expected.replacingOccurrences(of: "\n10\n", with: "\nten\n")
        let text = TextDiff.render(expected: expected, received: received, context: 2)
        #expect(
            text == """
                  --- expected
                  +++ received
                    ... (7 unchanged lines)
                    8
                    9
                  - 10
                  + ten
                    11
                    12
                    ... (8 unchanged lines)
                """)
    }

    @Test func diffOfInsertionsAndDeletions() {
        let lines = TextDiff.lines(expected: ["a", "b", "c", "d"], received: ["a", "c", "x", "d", "e"])
        #expect(lines == [.same("a"), .expected("b"), .same("c"), .received("x"), .same("d"), .received("e")])
    }

    // MARK: - JSON pointers

    @Test func jsonPointers() throws {
        let root = try ConfigLoader.parseYAML("pipeline:\n  processors:\n    - noop: {}\n    - label: x\n      mapping: a")
        #expect(try ConfigNode.pointerTokens("/a~1b/c~0d/0") == ["a/b", "c~d", "0"])
        #expect(try root.node(at: ["pipeline", "processors", "1", "mapping"]).scalarText == "a")
        #expect(try root.node(at: ["pipeline", "processors", "-1", "label"]).scalarText == "x")
        #expect(throws: UnitTestError("pipeline.processors.5: target index greater than array length")) {
            try root.node(at: ["pipeline", "processors", "5"])
        }
        #expect(throws: UnitTestError("pipeline.nope: key not found in mapping")) {
            try root.node(at: ["pipeline", "nope"])
        }
        #expect(throws: UnitTestError.self) { try ConfigNode.pointerTokens("no/slash") }
        let appended = try root.setting(try ConfigLoader.parseYAML("noop: {}"), at: ["pipeline", "processors", "-"])
        #expect(try appended.node(at: ["pipeline", "processors", "2"]).keys == ["noop"])
        let created = try root.setting(.scalar("v", root.location, quoted: true), at: ["new", "key"])
        #expect(try created.node(at: ["new", "key"]).scalarText == "v")
        #expect(root.labelPaths() == ["x": ["pipeline", "processors", "1"]])
    }

    // MARK: - Finding tests

    @Test(arguments: [
        ("/foo/bar/baz.yaml", "/foo/bar/baz.yaml", "/foo/bar/baz_benthos_test.yaml"),
        ("baz.yaml", "baz.yaml", "baz_benthos_test.yaml"),
        ("./foo/bar/baz_benthos_test.yaml", "foo/bar/baz.yaml", "foo/bar/baz_benthos_test.yaml"),
        ("baz_benthos_test.yaml", "baz.yaml", "baz_benthos_test.yaml"),
        ("/foo/bar/baz.foo", "/foo/bar/baz.foo", "/foo/bar/baz_benthos_test.foo"),
        ("baz", "baz", "baz_benthos_test"),
        ("baz_benthos_test", "baz", "baz_benthos_test"),
    ])
    func pathPairs(input: String, config: String, definition: String) {
        let pair = UnitTestDiscovery.pathPair(input)
        #expect(pair.config == config)
        #expect(pair.definition == definition)
    }

    @Test func findsTargets() throws {
        let dir = try Self.folder([
            "foo.yaml": "pipeline: {}",
            "foo_benthos_test.yaml": "tests: [{name: a}]",
            "bar.yaml": "tests: [{name: b}]",
            "no_tests.yaml": "pipeline: {}",
            "notes.txt": "not yaml",
            "nested/baz.yaml": "pipeline: {}",
            "nested/baz_benthos_test.yaml": "tests: [{name: c}]",
            "short.yaml": "pipeline: {}",
            "short_test.yaml": "tests: [{name: d}]",
            "standalone_test.yaml": "tests: [{name: e, target_mapping: ./x.blobl}]",
        ])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        func names(_ paths: [String]) throws -> [String] {
            try UnitTestDiscovery.targets(paths).map { t in
                "\((t.configPath as NSString).lastPathComponent)<\((t.definitionPath as NSString).lastPathComponent)"
            }
        }
        // A folder: the YAML files directly in it.
        #expect(
            try names([dir]) == [
                "bar.yaml<bar.yaml", "foo.yaml<foo_benthos_test.yaml", "short.yaml<short_test.yaml",
                "standalone_test.yaml<standalone_test.yaml",
            ])
        // `/...`: recursively.
        #expect(try names([dir + "/..."]).contains("baz.yaml<baz_benthos_test.yaml"))
        #expect(try names([dir + "/..."]).count == 5)
        // Either file of a pair finds the pair.
        #expect(try names([dir + "/foo_benthos_test.yaml"]) == ["foo.yaml<foo_benthos_test.yaml"])
        #expect(try names([dir + "/foo.yaml"]) == ["foo.yaml<foo_benthos_test.yaml"])
        #expect(try names([dir + "/short_test.yaml"]) == ["short.yaml<short_test.yaml"])
        // Globs.
        #expect(try names([dir + "/b*.yaml"]) == ["bar.yaml<bar.yaml"])
        #expect(try names([dir + "/no_tests.yaml"]).isEmpty)
    }

    @Test func definitionWithoutItsConfigIsAnError() throws {
        let dir = try Self.folder(["orphan_benthos_test.yaml": "tests: [{name: a}]", "bad.yaml": "tests: [{nam: a}]"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: UnitTestError.self) { try UnitTestDiscovery.targets([dir + "/orphan_benthos_test.yaml"]) }
        #expect(throws: UnitTestError.self) { try UnitTestDiscovery.targets([dir + "/bad.yaml"]) }
        #expect(throws: UnitTestError.self) { try UnitTestDiscovery.targets(["/does/not/exist/foo.yaml"]) }
    }

    // MARK: - Comparing output batches

    @Test func outputBatchFailuresInBenthosWords() throws {
        let foo = try Self.conditions("content_equals: foo")
        func batch(_ texts: String...) -> Batch { texts.map { Message($0) } }
        #expect(UnitTestRunner.compare([batch("foo")], [[foo]], directory: "/").isEmpty)
        #expect(
            UnitTestRunner.compare([batch("foo")], [[foo], [foo]], directory: "/")
                == ["wrong batch count, expected 2, got 1"])
        #expect(
            UnitTestRunner.compare([batch("foo"), batch("foo bar"), batch("a", "b")], [[foo]], directory: "/")
                == ["unexpected batch: [foo bar]", "unexpected batch: [a b]"])
        #expect(
            UnitTestRunner.compare([batch("foo", "extra")], [[foo]], directory: "/")
                == [
                    "mismatch of output batch 0 message counts, expected 1, got 2",
                    "unexpected message from batch 0: extra",
                ])
        var failed = Message("nope")
        failed.error = "it broke"
        #expect(
            UnitTestRunner.compare([[failed]], [[foo]], directory: "/")
                == [
                    "batch 0 message 0: content_equals: content mismatch\n  expected: foo\n  received: nope",
                    "batch 0 message 0: it broke",
                ])
        // A processing error alone does not fail a message whose conditions pass.
        var passing = Message("foo")
        passing.error = "ignored"
        #expect(UnitTestRunner.compare([[passing]], [[foo]], directory: "/").isEmpty)
    }

    // MARK: - Running

    @Test func runsCasesAgainstAConfig() async throws {
        let dir = try Self.folder([
            "config.yaml": """
            pipeline:
              processors:
                - mapping: 'root = "${PREFIX:none}:" + content().string()'
                - label: upper
                  mapping: 'root = content().uppercase()'
                - resource: tail
            processor_resources:
              - label: tail
                mapping: 'root = content().string() + "!"'
            tests:
              - name: default variable
                input_batch: [{content: a}]
                output_batches: [[{content_equals: "NONE:A!"}]]
              - name: case variable
                environment: {PREFIX: p}
                input_batch: [{content: a}]
                output_batches: [[{content_equals: "P:A!"}]]
              - name: label target
                target_processors: upper
                input_batch: [{content: b}, {content: c}]
                output_batches: [[{content_equals: B}, {content_equals: C}]]
              - name: label mock and appended processor
                mocks:
                  upper: {mapping: 'root = "mocked"'}
                  /pipeline/processors/-: {mapping: 'root = content().string() + "?"'}
                input_batch: [{content: a}]
                output_batches: [[{content_equals: "mocked!?"}]]
              - name: resource mock
                mocks:
                  tail: {mapping: 'root = content().string() + "."'}
                input_batch: [{content: a}]
                output_batches: [[{content_equals: "NONE:A."}]]
              - name: two input batches
                target_processors: /pipeline/processors/1
                input_batches: [[{content: x}], [{content: y}]]
                output_batches: [[{content_equals: X}], [{content_equals: Y}]]
              - name: unknown label
                target_processors: nowhere
                input_batch: [{content: a}]
              - name: mapping file
                target_mapping: ./lib/m.blobl
                input_batch: [{json_content: {n: 2}}]
                output_batches: [[{json_equals: {n: 4}}]]
            """,
            "lib/m.blobl": "import \"./double.blobl\"\nroot.n = this.n.apply(\"double\")",
            "lib/double.blobl": "map double {\n  root = this * 2\n}",
        ])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let report = await Self.runner.run(paths: [dir + "/config.yaml"])
        #expect(report.error == nil)
        let target = try #require(report.targets.first)
        #expect(target.lints.isEmpty, "\(target.lints)")
        let byName = Dictionary(uniqueKeysWithValues: target.cases.map { ($0.name, $0.failures) })
        for name in [
            "default variable", "case variable", "label target", "label mock and appended processor",
            "resource mock", "two input batches", "mapping file",
        ] {
            #expect(byName[name] == [], "\(name): \(byName[name] ?? [])")
        }
        #expect(
            byName["unknown label"] == [
                "failed to initialise processors 'nowhere': target for label 'nowhere' failed as the label was not found in the test target file, it is not currently possible to target resources imported separate to the test file"
            ])
        #expect(!report.passed)
        let text = report.text()
        #expect(text.contains("Test '\(dir)/config.yaml' failed"))
        #expect(text.contains("\nFailures:\n\n--- \(dir)/config.yaml ---\n\nunknown label [line 37]:\n"), "\(text)")
    }

    @Test func lintErrorsFailTheTarget() async throws {
        let dir = try Self.folder([
            "config.yaml": """
            pipeline:
              meow: woof
              processors:
                - mapping: 'root = content().uppercase()'
            """,
            "config_benthos_test.yaml": """
            tests:
              - name: passes
                input_batch: [{content: a}]
                output_batches: [[{content_equals: A}]]
            """,
        ])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let report = await Self.runner.run(paths: [dir])
        let target = try #require(report.targets.first)
        #expect(target.cases.allSatisfy { $0.passed })
        #expect(!target.lints.isEmpty)
        #expect(!report.passed)
        #expect(report.text().contains("Lint: (2,3) pipeline.meow"), "\(report.text())")
        var noLint = Self.runner
        noLint.lint = false
        #expect(await noLint.run(paths: [dir]).passed)
    }

    @Test func noTestsIsAFailure() async throws {
        let dir = try Self.folder(["config.yaml": "pipeline: {}"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let report = await Self.runner.run(paths: [dir])
        #expect(!report.passed)
        #expect(report.text() == "No tests were found\n")
    }

    @Test func jsonReport() async throws {
        let dir = try Self.folder([
            "c.yaml": """
            pipeline:
              processors: [{mapping: 'root = content()'}]
            tests:
              - name: ok
                input_batch: [{content: a}]
                output_batches: [[{content_equals: a}]]
              - name: bad
                input_batch: [{content: a}]
                output_batches: [[{content_equals: b}]]
            """
        ])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let report = await Self.runner.run(paths: [dir])
        guard case .object(let o) = report.json, case .array(let targets)? = o["targets"],
            case .object(let t)? = targets.first, case .array(let cases)? = t["cases"]
        else {
            Issue.record("unexpected JSON shape: \(report.json)")
            return
        }
        #expect(o["passed"].map { $0.looselyEquals(.bool(false)) } == true)
        #expect(cases.count == 2)
        #expect(report.text(verbose: true).hasPrefix("  PASS ok\n  FAIL bad\nTest '"))
    }

    // MARK: - The built binary

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `.build/debug/sluice` or `.build/release/sluice`, whichever exists (newest first).
    static let sluice: String? = {
        let candidates = [".build/debug/sluice", ".build/release/sluice"].map { packageRoot.appendingPathComponent($0).path }
        let found = candidates.filter { FileManager.default.isExecutableFile(atPath: $0) }
        return found.max { a, b in modified(a) < modified(b) }
    }()

    static func modified(_ path: String) -> Date {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date) ?? .distantPast
    }

    /// Runs `sluice` in the package root; stdout and the exit status.
    static func runSluice(_ arguments: [String]) throws -> (output: String, status: Int32) {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-test-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: out) }
        let handle = try FileHandle(forWritingTo: out)
        defer { try? handle.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(sluice))
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        return (String(decoding: try Data(contentsOf: out), as: UTF8.self), process.terminationStatus)
    }

    @Test(.enabled(if: sluice != nil, "build sluice first: swift build --product sluice"))
    func binaryPassesOurTests() throws {
        let (output, status) = try Self.runSluice(["test", "tests"])
        #expect(status == 0, "\(output)")
        #expect(output.contains("Test 'tests/mapping.yaml' succeeded"), "\(output)")
        #expect(!output.contains("failed"), "\(output)")
    }

    @Test(.enabled(if: sluice != nil, "build sluice first: swift build --product sluice"))
    func binaryFailsOnTheFailingTests() throws {
        let (output, status) = try Self.runSluice(["test", "tests/failing"])
        #expect(status == 1, "\(output)")
        #expect(output.contains("Test 'tests/failing/wrong_expectations.yaml' failed"), "\(output)")
        #expect(output.contains("wrong content [line "), "\(output)")
        #expect(output.contains("  expected: {\"name\":\"ada\"}"), "\(output)")
        #expect(output.contains("wrong batch count, expected 2, got 1"), "\(output)")
    }
}
