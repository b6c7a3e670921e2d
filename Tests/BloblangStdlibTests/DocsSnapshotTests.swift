import Bloblang
import BloblangTooling
import Foundation
import Testing

/// The checked-in reference docs (docs/reference) must match what the specs render to.
/// `RECORD_SNAPSHOTS=1` rewrites them instead of comparing.
@Suite struct DocsSnapshotTests {
    /// `<package>/docs/reference`, found from this file's path.
    static let directory: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // BloblangStdlibTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent(DocsGenerator.defaultDirectory)
        .path

    @Test func referenceDocsAreCurrent() throws {
        let generator = DocsGenerator.standard
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try generator.write(to: Self.directory)
            return
        }
        for file in generator.render() {
            let path = (Self.directory as NSString).appendingPathComponent(file.name)
            let onDisk = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
            guard let onDisk else {
                Issue.record("\(path) is missing: run `swift run blobl docs` to regenerate")
                continue
            }
            if onDisk != file.contents {
                Issue.record("\(path) is stale (\(Self.firstDifference(onDisk, file.contents))): run `swift run blobl docs` to regenerate")
            }
        }
    }

    /// Layout rules, on made-up specs: hidden entries left out, entries sorted by name,
    /// deprecated ones in a last section, badges, parameter defaults, error outputs and
    /// nondeterministic notes.
    @Test func layoutFollowsTheSpecs() throws {
        let noop: @Sendable (Value, Arguments, EvalContext) throws -> Value = { v, _, _ in v }
        let methods = [
            MethodSpec("zeta", category: .strings, summary: "Zeta summary.", examples: [Example("root = this.zeta()", "1", "1")], body: noop),
            MethodSpec(
                "alpha", category: .strings, status: .beta, summary: "Alpha summary.", description: "Alpha details.",
                params: [.int("count", "How many | times.", default: 2), .string("sep", "A separator.").optional(), .string("req", "Required.")],
                examples: [
                    Example("root = this.alpha()", pairs: [.init("1", #"Error("boom")"#), .init("2", "two\nlines")]),
                    Example("root = this.alpha()", "{}", "3", deterministic: false),
                ], body: noop),
            MethodSpec("secret", category: .strings, status: .hidden, summary: "Hidden.", body: noop),
            MethodSpec("old", category: .numbers, status: .deprecated, summary: "Old summary.", body: noop),
        ]
        let files = DocsGenerator(functions: [], methods: methods).render()
        let page = try #require(files.first { $0.name == "methods.md" }).contents
        #expect(!page.contains("secret"))
        let alpha = try #require(page.range(of: "### `alpha`")), zeta = try #require(page.range(of: "### `zeta`"))
        let deprecated = try #require(page.range(of: "## Deprecated")), old = try #require(page.range(of: "### `old`"))
        #expect(alpha.lowerBound < zeta.lowerBound && zeta.lowerBound < deprecated.lowerBound && deprecated.lowerBound < old.lowerBound)
        #expect(!page.contains("## Number Manipulation"))
        #expect(page.contains("**beta**"))
        #expect(page.contains("`.alpha(count?, sep?, req)`"))
        #expect(page.contains("| `count` | integer | `2` | How many \\| times. |"))
        #expect(page.contains("| `sep` | string | _optional_ | A separator. |"))
        #expect(page.contains("| `req` | string | _required_ | Required. |"))
        #expect(page.contains("# In:  1\n# Out: Error(\"boom\")"))
        #expect(page.contains("# Out: two\n#      lines"))
        #expect(page.contains("differs from run to run"))
        #expect(page.contains("Alpha details."))
        let index = try #require(files.first { $0.name == "index.md" }).contents
        #expect(index.contains("[2](methods.md#string-manipulation)"))
        #expect(!index.contains("Message Info"))
    }

    /// Where two texts first differ, as a line number and both lines, to make a failure readable.
    static func firstDifference(_ old: String, _ new: String) -> String {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(a.count, b.count) {
            let x = i < a.count ? String(a[i]) : "<end of file>"
            let y = i < b.count ? String(b[i]) : "<end of file>"
            if x != y { return "line \(i + 1): checked in \(x.debugDescription), generated \(y.debugDescription)" }
        }
        return "same lines, different bytes"
    }
}
