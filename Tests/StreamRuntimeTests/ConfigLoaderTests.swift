import Bloblang
import Foundation
import StreamRuntime
import Testing

@Suite struct ConfigLoaderTests {
    // MARK: - Environment interpolation

    static let env: [String: String] = [
        "EMPTY": "", "DOTTED.NAME": "dotted", "MULTI": "one\ntwo", "B64": "Zm9vYmFy", "PORT": "8080",
    ]

    static func interpolate(_ text: String) -> EnvInterpolation.Result {
        EnvInterpolation.apply(text) { env[$0] }
    }

    @Test(arguments: [
        ("a ${PORT} b", "a 8080 b"),
        ("a ${UNSET:} b", "a  b"),
        ("${EMPTY:}", ""),
        ("${EMPTY:fallback}", "fallback"),
        ("a ${PORT:9} b", "a 8080 b"),
        ("${DOTTED.NAME}", "dotted"),
        ("${UNSET:http://x.com?a=b#c}", "http://x.com?a=b#c"),
        ("${UNSET:tcp://*:2020}", "tcp://*:2020"),
        ("${UNSET::}", ":"),
        ("${UNSET:a,b}", "a,b"),
        ("${UNSET:${!meta(\"x\")}} end", "${!meta(\"x\")} end"),
        ("${UNSET:${!count:foo}-${!timestamp_unix_nano}.tar.gz}", "${!count:foo}-${!timestamp_unix_nano}.tar.gz"),
        ("keep ${! this.a } as is", "keep ${! this.a } as is"),
        ("keep ${{! this.a }} as is", "keep ${{! this.a }} as is"),
        ("escaped ${{PORT}} and ${{PORT:1}}", "escaped ${PORT} and ${PORT:1}"),
        ("empty ${} braces", "empty ${} braces"),
        ("${MULTI}", "one\\ntwo"),
        ("${B64|base64decode}", "foobar"),
        ("${UNSET:Zm9vYmFy|base64decode}", "foobar"),
        ("${B64:x|base64decode}", "foobar"),
        ("no refs at all", "no refs at all"),
        ("price: $5 {x}", "price: $5 {x}"),
    ])
    func interpolation(input: String, expected: String) {
        let r = Self.interpolate(input)
        #expect(r.text == expected)
        #expect(r.missing.isEmpty)
        #expect(r.errors.isEmpty)
    }

    @Test func missingVariablesAreReportedWithTheirPosition() {
        let r = Self.interpolate("a: 1\nb: x ${NOPE_A} y ${NOPE_B}\n")
        #expect(r.text == "a: 1\nb: x  y \n")
        #expect(r.missing.map(\.name) == ["NOPE_A", "NOPE_B"])
        #expect(r.missing.map(\.line) == [2, 2])
        #expect(r.missing.map(\.column) == [6, 18])
    }

    @Test func decodeFunctionErrors() {
        #expect(Self.interpolate("${B64|lolwut}").errors.map(\.message) == ["unknown env var decode function: lolwut"])
        #expect(Self.interpolate("${UNSET:!!!|base64decode}").errors.count == 1)
    }

    @Test func multiLineValuesKeepLineNumbers() throws {
        let loader = ConfigLoader(environment: Self.env)
        let doc = try loader.parse("a: ${MULTI}\nb: 2\n")
        #expect(doc.root["a"]?.scalarText == "one\\ntwo")
        #expect(doc.root["b"]?.location.line == 2)
    }

    @Test func missingVariableBecomesAnIssueAtItsLine() throws {
        let loader = ConfigLoader(environment: [:])
        let doc = try loader.parse("input:\n  generate:\n    mapping: root = \"${NOT_SET}\"\n", file: "c.yaml")
        let issue = try #require(doc.issues.first)
        #expect(issue.message == "required environment variables were not set: [NOT_SET]")
        #expect(issue.location == ConfigLocation(file: "c.yaml", line: 3, column: 22))
    }

    // MARK: - Locations

    @Test func nodesRememberWhereTheyWereWritten() throws {
        let yaml = """
            input:
              generate:
                mapping: 'root = 1'
                count: 5
            pipeline:
              processors:
                - mapping: |
                    root = this
                - log: {message: "hi"}
            empty:
            """
        let root = try ConfigLoader.parseYAML(yaml, file: "f.yaml")
        let generate = try #require(root["input"]?["generate"])
        #expect(generate["mapping"]?.location == ConfigLocation(file: "f.yaml", line: 3, column: 14))
        #expect(generate["count"]?.location == ConfigLocation(file: "f.yaml", line: 4, column: 12))
        guard case .mapping(let entries, _) = generate else {
            Issue.record("not a mapping")
            return
        }
        #expect(entries.map(\.keyLocation.line) == [3, 4])
        #expect(entries[0].keyLocation.column == 5)
        guard case .sequence(let procs, let seqLoc)? = root["pipeline"]?["processors"] else {
            Issue.record("not a sequence")
            return
        }
        #expect(seqLoc.line == 7)
        #expect(procs[0]["mapping"]?.location.line == 7)  // the `|` indicator
        #expect(procs[0]["mapping"]?.scalarText == "root = this\n")
        #expect(procs[1]["log"]?["message"]?.location == ConfigLocation(file: "f.yaml", line: 9, column: 22))
        // An empty value is null, located at its key.
        guard case .null(let nullLoc)? = root["empty"] else {
            Issue.record("expected null")
            return
        }
        #expect(nullLoc.line == 10 && nullLoc.column == 1)
    }

    @Test func quotedScalarsStayStrings() throws {
        let root = try ConfigLoader.parseYAML("a: 5\nb: '5'\nc: \"true\"\nd: true\ne: !!str 7\nf: |\n  8\ng: null\nh: ~\n")
        #expect(configJSON(try #require(root["a"])) == "5")
        #expect(configJSON(try #require(root["b"])) == #""5""#)
        #expect(configJSON(try #require(root["c"])) == #""true""#)
        #expect(configJSON(try #require(root["d"])) == "true")
        #expect(configJSON(try #require(root["e"])) == #""7""#)
        #expect(configJSON(try #require(root["f"])) == #""8\n""#)
        guard case .null? = root["g"], case .null? = root["h"] else {
            Issue.record("null scalars should be null nodes")
            return
        }
    }

    @Test func mergeKeysAndAnchors() throws {
        let root = try ConfigLoader.parseYAML(
            """
            base: &b
              x: 1
              y: 2
            other:
              <<: *b
              y: 3
            """)
        let other = try #require(root["other"])
        #expect(other["x"]?.scalarText == "1")
        #expect(other["y"]?.scalarText == "3")
    }

    @Test func syntaxErrorsAreLocated() {
        #expect(throws: ConfigError.self) { try ConfigLoader.parseYAML("a: 1\nb: [1, 2\nc: 3\n", file: "bad.yaml") }
        do {
            _ = try ConfigLoader.parseYAML("a: 1\n  b: 2\n", file: "bad.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.location?.file == "bad.yaml")
            #expect(error.location?.line == 2)
            #expect(error.message.hasPrefix("yaml: "))
        }
        do {
            _ = try ConfigLoader.parseYAML("a: 1\nb: 2\na: 3\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("already defined"))
        }
    }

    @Test func emptyDocumentIsAnEmptyObject() throws {
        let root = try ConfigLoader.parseYAML("# only a comment\n")
        #expect(root.keys.isEmpty)
        guard case .mapping = root else {
            Issue.record("expected a mapping")
            return
        }
    }

    // MARK: - Files and resources

    @Test func resourceFilesAppendTheirLists() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-config-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let main = "\(dir)/main.yaml", res = "\(dir)/res.yaml"
        try """
        processor_resources:
          - label: a
            noop: {}
        pipeline:
          processors:
            - resource: a
        """.write(toFile: main, atomically: true, encoding: .utf8)
        try """
        processor_resources:
          - label: b
            noop: {}
        output_resources:
          - label: out
            drop: {}
        input: {}
        """.write(toFile: res, atomically: true, encoding: .utf8)
        let (root, issues) = try ConfigLoader(environment: [:]).loadCollectingIssues(file: main, resources: [res])
        guard case .sequence(let procs, _)? = root["processor_resources"], case .sequence(let outs, _)? = root["output_resources"]
        else {
            Issue.record("missing resource lists")
            return
        }
        #expect(procs.compactMap { $0["label"]?.scalarText } == ["a", "b"])
        #expect(procs[1].location.file == res)
        #expect(outs.count == 1)
        #expect(issues.count == 1)
        #expect(issues.first?.severity == .warning)
        #expect(issues.first?.message == "field input is ignored in a resources file")
    }

    @Test func unreadableFileIsAnError() {
        #expect(throws: ConfigError.self) { try ConfigLoader().read(file: "/nonexistent/sluice.yaml") }
    }
}

/// A config node's value as compact JSON, to compare values in tests.
func configJSON(_ node: ConfigNode) -> String {
    String(decoding: JSONWriter.compact(ConfigValues.value(of: node), escapeHTML: false), as: UTF8.self)
}
