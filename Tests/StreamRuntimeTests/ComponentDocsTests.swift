import Bloblang
import Foundation
import StreamAMQP
import StreamComponents
import StreamPostgres
import StreamRuntime
import Testing

/// The checked-in component reference (docs/reference/components) must match what the specs
/// render to. `RECORD_SNAPSHOTS=1` rewrites the files instead of comparing.
@Suite struct ComponentDocsTests {
    /// `<package>/docs/reference/components`, found from this file's path.
    static let directory: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // StreamRuntimeTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent(ComponentDocs.defaultDirectory)
        .path

    /// Every component `sluice` registers (the same list as `sluice docs`).
    static let allComponents = ComponentRegistry(StreamComponents.all + StreamPostgres.all + StreamAMQP.all)

    @Test func componentDocsAreCurrent() throws {
        let docs = ComponentDocs(registry: Self.allComponents)
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try docs.write(to: Self.directory)
            return
        }
        for file in docs.render() {
            let path = (Self.directory as NSString).appendingPathComponent(file.name)
            guard let data = FileManager.default.contents(atPath: path) else {
                Issue.record("\(path) is missing: run `swift run sluice docs` to regenerate")
                continue
            }
            let onDisk = String(decoding: data, as: UTF8.self)
            if onDisk != file.contents {
                Issue.record(
                    "\(path) is stale (\(Self.firstDifference(onDisk, file.contents))): run `swift run sluice docs` to regenerate"
                )
            }
        }
    }

    @Test func layoutFollowsTheSpecs() throws {
        let files = ComponentDocs(registry: ConfigTestRegistry.registry).render()
        #expect(files.map(\.name) == ["inputs.md", "processors.md", "outputs.md"])
        let page = try #require(files.first { $0.name == "processors.md" }).contents
        #expect(page.hasPrefix("<!-- Generated from the component specs"))
        #expect(page.contains("- [`log`](#log): Logs."))
        // Sorted by name, deprecated components last.
        let log = try #require(page.range(of: "## `log`")), mapping = try #require(page.range(of: "## `mapping`"))
        let deprecated = try #require(page.range(of: "## Deprecated")), old = try #require(page.range(of: "### `old_thing`"))
        #expect(
            log.lowerBound < mapping.lowerBound && mapping.lowerBound < deprecated.lowerBound
                && deprecated.lowerBound < old.lowerBound)
        #expect(page.contains("Also accepted as `bloblang`."))
        #expect(page.contains("| Field | Type | Default | Advanced | Description |"))
        #expect(
            page.contains("| `level` | string | `\"INFO\"` |  | Level. Options: `TRACE`, `DEBUG`, `INFO`, `WARN`, `ERROR`. |"))
        #expect(page.contains("| `fields_mapping` | Bloblang mapping | _optional_ |  | Fields. |"))
        #expect(page.contains("| `duration` | duration | _required_ |  | How long. |"))
        #expect(page.contains("| `[].check` | Bloblang mapping | `\"\"` |  | Condition. |"))
        #expect(page.contains("| `headers` | map of interpolated strings | _optional_ |  | Headers. |"))
        #expect(page.contains("```yaml\nmapping: root = this\n```"))
        #expect(page.contains("```yaml\nlabel: \"\"\nsleep:\n  duration: \"\" # required\n```"))
        let outputs = try #require(files.first { $0.name == "outputs.md" }).contents
        #expect(outputs.contains("| `outputs` | list of outputs | _required_ |"))
    }

    @Test func staleFilesAreFound() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-docs-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let docs = ComponentDocs(registry: ConfigTestRegistry.registry)
        #expect(docs.staleFiles(in: dir).count == 3)
        #expect(try docs.write(to: dir).count == 3)
        #expect(docs.staleFiles(in: dir).isEmpty)
        try "changed".write(toFile: "\(dir)/inputs.md", atomically: true, encoding: .utf8)
        #expect(docs.staleFiles(in: dir) == ["inputs.md"])
    }

    /// Every example config of every built-in component parses and lints without errors.
    @Test func builtInExamplesLint() {
        let linter = Linter(registry: Self.allComponents, loader: ConfigLoader(environment: [:]))
        for spec in Self.allComponents.specs {
            if spec.status != .hidden && spec.status != .deprecated && spec.examples.isEmpty {
                Issue.record("\(spec.kind.rawValue) \(spec.name) has no example config")
            }
            for example in spec.examples {
                let errors = linter.lintExample(example, of: spec).filter { $0.severity == .error }
                #expect(
                    errors.isEmpty,
                    "\(spec.kind.rawValue) \(spec.name), example \"\(example.title)\": \(errors.map(\.description))")
            }
        }
    }

    /// Where two texts first differ, to make a failure readable.
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
