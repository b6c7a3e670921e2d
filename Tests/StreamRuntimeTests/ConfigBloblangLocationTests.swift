import Bloblang
import BloblangStdlib
import Foundation
import StreamRuntime
import Testing

/// Bloblang errors inside config fields are reported at their position in the YAML file,
/// whatever the scalar style.
@Suite struct ConfigBloblangLocationTests {
    /// The `line:column` of the single issue linting `yaml` gives.
    func position(_ yaml: String) throws -> String {
        let issues = lintIssues(yaml)
        let issue = try #require(issues.first, "no issue for:\n\(yaml)")
        #expect(issues.count == 1, "\(rendered(issues))")
        let loc = try #require(issue.location)
        return "\(loc.line):\(loc.column)"
    }

    func expectPosition(_ yaml: String, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let p = try position(yaml)
        #expect(p == expected, sourceLocation: sourceLocation)
    }

    @Test func plainScalar() throws {
        // `uppercas` starts at column 30 of line 3.
        try expectPosition(
            """
            pipeline:
              processors:
                - mapping: root = this.a.uppercas()
            """, "3:30")
    }

    @Test func singleQuotedScalar() throws {
        try expectPosition(
            """
            pipeline:
              processors:
                - mapping: 'root = this.a.uppercas()'
            """, "3:31")
    }

    @Test func singleQuotedScalarWithAnEscapedQuote() throws {
        // `''` is one character of the value, two in the file.
        try expectPosition(
            """
            pipeline:
              processors:
                - mapping: 'root = "it''s".uppercas()'
            """, "3:32")
    }

    @Test func doubleQuotedScalarWithEscapes() throws {
        // `\"` is one character of the value, two in the file.
        try expectPosition(
            """
            pipeline:
              processors:
                - mapping: "root = \\"a\\".uppercas()"
            """, "3:30")
    }

    @Test func literalBlockStartsOnTheNextLine() throws {
        try expectPosition(
            """
            pipeline:
              processors:
                - mapping: |
                    root = this
                    root.b = this.b.uppercas()
            """, "5:25")
    }

    @Test func literalBlockWithBlankLinesAndAComment() throws {
        try expectPosition(
            """
            pipeline:
              processors:
                - mapping: |-  # the mapping

                    root = this

                    root.b = this.b.uppercas()
                - noop: {}
            """, "7:25")
    }

    @Test func foldedBlock() throws {
        // `>` joins the two lines with a space: the error is on the second source line.
        try expectPosition(
            """
            pipeline:
              processors:
                - mapping: >
                    root = this.a +
                    this.b.uppercas()
            """, "5:16")
    }

    @Test func multiLinePlainScalar() throws {
        try expectPosition(
            """
            input:
              generate:
                mapping: root =
                  this.a.uppercas()
            """, "4:14")
    }

    @Test func interpolatedStringError() throws {
        // The `${! }` query starts after `got `; `uppercas` is at column 34.
        try expectPosition(
            """
            pipeline:
              processors:
                - log:
                    message: 'got ${! this.a.uppercas() }'
            """, "4:34")
    }

    @Test func unclosedInterpolation() throws {
        try expectPosition(
            """
            pipeline:
              processors:
                - log:
                    message: "got ${! this.a"
            """, "4:23")
    }

    @Test func interpolationInABlockScalar() throws {
        try expectPosition(
            """
            pipeline:
              processors:
                - log:
                    message: |
                      first line
                      second ${! nope_fn() }
            """, "6:22")
    }

    @Test func messageHasNoInnerPosition() throws {
        let issues = lintIssues(
            """
            pipeline:
              processors:
                - mapping: root = this.a.uppercas()
            """)
        let issue = try #require(issues.first)
        #expect(issue.path == "pipeline.processors[0].mapping")
        #expect(!issue.message.hasPrefix("line "))
        #expect(issue.message.contains("uppercas"))
        #expect(issue.message.contains("did you mean `uppercase`?"))
    }

    @Test func buildContextUsesTheSameLocations() throws {
        let root = try ConfigLoader.parseYAML(
            """
            pipeline:
              processors:
                - mapping: |
                    root = this
                    root.b = this.b.uppercas()
            """, file: "b.yaml")
        let node = try #require(root.node(at: try ConfigPath(parsing: "pipeline.processors[0]")))
        let context = BuildContext(registry: ConfigTestRegistry.registry)
        do {
            _ = try context.buildProcessor(node, path: "pipeline.processors[0]")
            Issue.record("expected a build error")
        } catch {
            #expect(error.location == ConfigLocation(file: "b.yaml", line: 5, column: 25))
            #expect(error.description.hasPrefix("b.yaml:5:25: pipeline.processors[0].mapping: "))
        }
    }

    @Test func importsResolveAgainstTheConfigFolder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-lint-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "map shout {\n  root = this.uppercase()\n}\n".write(toFile: "\(dir)/stage.blobl", atomically: true, encoding: .utf8)
        try """
        pipeline:
          processors:
            - mapping: |
                import "./stage.blobl"
                root = this.apply("shout")
            - mapping: |
                import "./missing.blobl"
        """.write(toFile: "\(dir)/config.yaml", atomically: true, encoding: .utf8)
        let linter = Linter(registry: ConfigTestRegistry.registry, loader: ConfigLoader(environment: [:]))
        let issues = linter.lint(file: "\(dir)/config.yaml")
        #expect(issues.count == 1)
        #expect(issues.first?.path == "pipeline.processors[1].mapping")
        #expect(issues.first?.location?.line == 7)
    }
}
