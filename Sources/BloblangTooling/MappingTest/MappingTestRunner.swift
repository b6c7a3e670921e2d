import Bloblang
import Foundation

/// What happened to one test.
public struct MappingTestCaseResult: Sendable {
    /// The test's name.
    public var name: String
    /// Its line in the file (0 when unknown).
    public var line: Int
    /// Why it failed; empty when it passed.
    public var failures: [String]
    /// True when nothing failed.
    public var passed: Bool { failures.isEmpty }
}

/// What happened to the tests of one file.
public struct MappingTestFileResult: Sendable {
    /// The test file.
    public var path: String
    /// Set when the file could not be read; its tests did not run.
    public var error: String?
    /// Set when a file found in a folder holds config tests for `sluice test`; it is skipped.
    public var skipped: Bool = false
    /// One entry per test.
    public var cases: [MappingTestCaseResult]
    /// True when the file was read and every test passed.
    public var passed: Bool { skipped || (error == nil && cases.allSatisfy(\.passed)) }
}

/// Runs mapping tests: `blobl test`.
public struct MappingTestRunner: Sendable {
    /// Parses target mappings and `bloblang` conditions.
    public let environment: Environment

    /// Creates a runner.
    public init(environment: Environment) { self.environment = environment }

    /// The test files named by `paths`: files as given, folders searched recursively for
    /// `*_test.yaml` and `*_test.yml` (which includes `*_benthos_test.yaml`). A path ending in
    /// `/...` is searched the same way, as Go tools write it.
    public static func discover(_ paths: [String]) -> (files: [(path: String, fromFolder: Bool)], missing: [String]) {
        let fm = FileManager.default
        var files: [(path: String, fromFolder: Bool)] = []
        var missing: [String] = []
        for raw in paths {
            var path = raw
            if path.hasSuffix("/...") { path = String(path.dropLast(4)) }
            if path.isEmpty { path = "." }
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                missing.append(raw)
                continue
            }
            if !isDir.boolValue {
                files.append((path, false))
                continue
            }
            var found: [String] = []
            let e = fm.enumerator(atPath: path)
            while let name = e?.nextObject() as? String {
                let base = (name as NSString).lastPathComponent
                if base.hasSuffix("_test.yaml") || base.hasSuffix("_test.yml") {
                    found.append((path as NSString).appendingPathComponent(name))
                }
            }
            files += found.sorted().map { ($0, true) }
        }
        return (files, missing)
    }

    /// Reads and runs one test file.
    /// - Parameter skipConfigTests: skip (rather than fail) a file of `sluice test` config
    ///   tests, as when it was found by searching a folder.
    public func run(file: String, skipConfigTests: Bool = false) -> MappingTestFileResult {
        let loaded: MappingTestFile
        do {
            loaded = try MappingTestFile.load(file, environment: environment)
        } catch {
            return MappingTestFileResult(path: file, error: error.message, skipped: skipConfigTests && error.isConfigTest, cases: [])
        }
        return MappingTestFileResult(path: file, error: nil, cases: loaded.tests.map(run))
    }

    /// Runs one test.
    public func run(_ test: MappingTestDefinition) -> MappingTestCaseResult {
        var result = MappingTestCaseResult(name: test.name, line: test.line, failures: [])
        guard let data = FileManager.default.contents(atPath: test.targetMapping) else {
            result.failures.append("failed to read target_mapping: open \(test.targetMapping): no such file or directory")
            return result
        }
        let mapping: Mapping
        do {
            mapping = try environment.parse(String(decoding: data, as: UTF8.self), path: test.targetMapping)
        } catch {
            result.failures.append("failed to parse target_mapping \(test.targetMapping): \(error.description)")
            return result
        }
        let outputs = test.inputBatches.map { execute(mapping, $0) }
        if test.outputBatches.isEmpty { return result }
        if outputs.count != test.outputBatches.count {
            result.failures.append("wrong batch count, expected \(test.outputBatches.count), got \(outputs.count)")
            return result
        }
        for (b, (received, expected)) in zip(outputs, test.outputBatches).enumerated() {
            if received.count != expected.count {
                result.failures.append(
                    "batch \(b): wrong batch size, expected \(expected.count), got \(received.count)"
                        + (received.count < expected.count ? " (the mapping deleted messages)" : ""))
                continue
            }
            for (m, (message, conditions)) in zip(received, expected).enumerated() {
                for condition in conditions {
                    if let why = condition.check(message) {
                        var text = "batch \(b) message \(m): \(condition.name): \(why)"
                        if let e = message.error { text += "\n  (the mapping failed on this message: \(e))" }
                        result.failures.append(text)
                    }
                }
            }
        }
        return result
    }

    /// Runs the mapping on each message of a batch like a `bloblang` processor: deleted
    /// messages leave the batch; a failed message passes through unchanged with its error.
    func execute(_ mapping: Mapping, _ batch: [MappingTestInput]) -> [TestMessage] {
        let ctx = mapping.makeContext()
        ctx.batch = batch.map { BatchMessage(content: $0.content, metadata: $0.metadata) }
        var out: [TestMessage] = []
        for (i, input) in batch.enumerated() {
            mapping.prepare(ctx, content: input.content, metadata: input.metadata)
            ctx.batchIndex = i
            ctx.batchSize = batch.count
            do {
                try mapping.execute(ctx)
            } catch {
                out.append(TestMessage(content: input.content, metadata: input.metadata, error: error.message))
                continue
            }
            switch ctx.root {
            case .delete: continue
            case .nothing: out.append(TestMessage(content: input.content, metadata: ctx.metadata))
            case .string(let s): out.append(TestMessage(content: Array(s.utf8), metadata: ctx.metadata))
            case .bytes(let b): out.append(TestMessage(content: b, metadata: ctx.metadata))
            default: out.append(TestMessage(content: JSONWriter.compact(ctx.root), metadata: ctx.metadata))
            }
        }
        return out
    }
}

// MARK: - Reports

extension MappingTestRunner {
    /// The text report: one line per test, the failures indented under it, a summary last.
    public static func textReport(_ results: [MappingTestFileResult]) -> String {
        var out = ""
        var passed = 0
        var failed = 0
        for file in results {
            if file.skipped {
                out += "SKIP \(file.path) (config tests: run them with sluice test)\n"
                continue
            }
            if let error = file.error {
                out += "FAIL \(file.path)\n  \(error)\n"
                failed += 1
                continue
            }
            for c in file.cases {
                let place = c.line > 0 ? "\(file.path):\(c.line)" : file.path
                if c.passed {
                    passed += 1
                    out += "PASS \(place) \(c.name)\n"
                } else {
                    failed += 1
                    out += "FAIL \(place) \(c.name)\n"
                    for f in c.failures {
                        out += f.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n") + "\n"
                    }
                }
            }
        }
        out += "\(passed) passed, \(failed) failed\n"
        return out
    }

    /// The JSON report: `{"passed": Bool, "files": [{"path", "error", "tests": [{"name", "line", "passed", "failures"}]}]}`.
    public static func jsonReport(_ results: [MappingTestFileResult]) -> String {
        let files: [Value] = results.map { file in
            var obj: [String: Value] = [
                "path": .string(file.path),
                "passed": .bool(file.passed),
                "skipped": .bool(file.skipped),
                "tests": .array(
                    file.cases.map { c in
                        .object([
                            "name": .string(c.name), "line": .int(Int64(c.line)), "passed": .bool(c.passed),
                            "failures": .array(c.failures.map { .string($0) }),
                        ])
                    }),
            ]
            obj["error"] = file.error.map { .string($0) } ?? .null
            return .object(obj)
        }
        let report: Value = .object(["passed": .bool(results.allSatisfy(\.passed)), "files": .array(files)])
        return String(decoding: JSONWriter.pretty(report, indent: "  ", escapeHTML: false), as: UTF8.self) + "\n"
    }
}
