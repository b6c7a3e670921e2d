import Bloblang
import Foundation

/// One input message of a mapping test: `content` or `json_content`, plus `metadata`.
public struct MappingTestInput: Sendable {
    /// The message bytes.
    public var content: [UInt8]
    /// The message metadata.
    public var metadata: [String: Value]

    /// Creates an input message.
    public init(content: [UInt8], metadata: [String: Value] = [:]) {
        self.content = content
        self.metadata = metadata
    }
}

/// One test of a Benthos test file that targets a mapping file (`target_mapping`).
public struct MappingTestDefinition: Sendable {
    /// The test's name.
    public var name: String
    /// The line of the test in its file (0 when unknown).
    public var line: Int
    /// The mapping file, resolved against the test file's folder.
    public var targetMapping: String
    /// The input batches (`input_batch` is one batch).
    public var inputBatches: [[MappingTestInput]]
    /// Per batch, per message, the conditions.
    public var outputBatches: [[[MappingTestCondition]]]
}

/// Why a test file could not be read.
public struct MappingTestError: Error, Sendable, CustomStringConvertible {
    /// What was wrong, with the file and the test.
    public var message: String
    /// True when the file holds config tests (`target_processors`), not mapping tests.
    public var isConfigTest: Bool
    /// Creates an error.
    public init(_ message: String, isConfigTest: Bool = false) {
        self.message = message
        self.isConfigTest = isConfigTest
    }
    public var description: String { message }
}

/// A test definition file (`*_test.yaml`, `*_benthos_test.yaml`) read for `blobl test`.
public struct MappingTestFile: Sendable {
    /// The path of the file.
    public var path: String
    /// Its tests.
    public var tests: [MappingTestDefinition]

    /// Reads and checks a test file. YAML is read with the standard library's `parse_yaml`,
    /// so `blobl` needs no YAML package of its own.
    /// - Throws: `MappingTestError` naming the file, test and field that are wrong.
    public static func load(_ path: String, environment: Environment) throws(MappingTestError) -> MappingTestFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MappingTestError("\(path): cannot read the file")
        }
        let text = String(decoding: data, as: UTF8.self)
        let document: Value
        do {
            let reader = try Environment.standard.parse("root = content().parse_yaml()")
            let ctx = reader.makeContext()
            reader.prepare(ctx, content: Array(data))
            try reader.execute(ctx)
            document = ctx.root
        } catch let error as RuntimeError {
            throw MappingTestError("\(path): not valid YAML: \(error.message)")
        } catch {
            throw MappingTestError("\(path): not valid YAML: \(error)")
        }
        guard case .object(let top) = document, case .array(let list)? = top["tests"] else {
            throw MappingTestError("\(path): expected a `tests:` list")
        }
        let directory = (path as NSString).deletingLastPathComponent
        var tests: [MappingTestDefinition] = []
        for (i, item) in list.enumerated() {
            tests.append(try definition(item, index: i, file: path, directory: directory, text: text, environment: environment))
        }
        return MappingTestFile(path: path, tests: tests)
    }

    private static let fields: Set<String> = ["name", "target_mapping", "input_batch", "input_batches", "output_batches", "environment"]

    private static func definition(
        _ item: Value, index: Int, file: String, directory: String, text: String, environment: Environment
    ) throws(MappingTestError) -> MappingTestDefinition {
        let at = "\(file): tests[\(index)]"
        guard case .object(let obj) = item else { throw MappingTestError("\(at): expected an object") }
        let name = obj["name"].flatMap { if case .string(let s) = $0 { s } else { nil } } ?? "tests[\(index)]"
        let here = "\(file): test '\(name)'"
        if obj["target_processors"] != nil || obj["mocks"] != nil {
            throw MappingTestError(
                "\(here): blobl test runs mapping tests (target_mapping); use `sluice test` for target_processors",
                isConfigTest: true)
        }
        if let unknown = obj.keys.sorted().first(where: { !fields.contains($0) }) {
            throw MappingTestError("\(here): unknown field `\(unknown)`")
        }
        if let env = obj["environment"], case .object(let vars) = env, !vars.isEmpty {
            throw MappingTestError("\(here): `environment` is not supported by blobl test; set the variables before running it")
        }
        guard case .string(let target)? = obj["target_mapping"], !target.isEmpty else {
            throw MappingTestError("\(here): `target_mapping` (the path of a .blobl file) is required")
        }
        var batches: [[MappingTestInput]] = []
        if let batch = obj["input_batch"] { batches.append(try inputs(batch, at: "\(here): input_batch")) }
        if case .array(let many)? = obj["input_batches"] {
            for (j, b) in many.enumerated() { batches.append(try inputs(b, at: "\(here): input_batches[\(j)]")) }
        }
        if batches.isEmpty { throw MappingTestError("\(here): `input_batch` is required") }
        var outputs: [[[MappingTestCondition]]] = []
        if let o = obj["output_batches"] {
            guard case .array(let list) = o else { throw MappingTestError("\(here): output_batches must be a list of lists") }
            for (j, batch) in list.enumerated() {
                guard case .array(let messages) = batch else {
                    throw MappingTestError("\(here): output_batches[\(j)] must be a list")
                }
                var conds: [[MappingTestCondition]] = []
                for (k, m) in messages.enumerated() {
                    conds.append(try conditions(m, at: "\(here): output_batches[\(j)][\(k)]", environment: environment))
                }
                outputs.append(conds)
            }
        }
        let resolved = target.hasPrefix("/") ? target : (directory.isEmpty ? target : (directory as NSString).appendingPathComponent(target))
        return MappingTestDefinition(
            name: name, line: lineOf(name: name, in: text), targetMapping: resolved, inputBatches: batches, outputBatches: outputs)
    }

    private static func inputs(_ v: Value, at: String) throws(MappingTestError) -> [MappingTestInput] {
        guard case .array(let list) = v else { throw MappingTestError("\(at): expected a list of messages") }
        var out: [MappingTestInput] = []
        for (i, item) in list.enumerated() {
            guard case .object(let obj) = item else { throw MappingTestError("\(at)[\(i)]: expected an object") }
            var content: [UInt8] = []
            if let c = obj["content"] {
                switch c {
                case .string(let s): content = Array(s.utf8)
                case .null: content = []
                default: content = Array(c.plainString.utf8)
                }
            }
            if let j = obj["json_content"] { content = JSONWriter.compact(j) }
            var metadata: [String: Value] = [:]
            if let m = obj["metadata"] {
                guard case .object(let mm) = m else { throw MappingTestError("\(at)[\(i)]: metadata must be an object") }
                metadata = mm
            }
            if let unknown = obj.keys.sorted().first(where: { !["content", "json_content", "metadata"].contains($0) }) {
                throw MappingTestError("\(at)[\(i)]: unknown field `\(unknown)`")
            }
            out.append(MappingTestInput(content: content, metadata: metadata))
        }
        return out
    }

    private static func conditions(_ v: Value, at: String, environment: Environment) throws(MappingTestError) -> [MappingTestCondition] {
        guard case .object(let obj) = v else { throw MappingTestError("\(at): expected an object of conditions") }
        var out: [MappingTestCondition] = []
        for key in obj.keys.sorted() {
            guard let value = obj[key] else { continue }
            switch key {
            case "bloblang":
                guard case .string(let source) = value else { throw MappingTestError("\(at): bloblang must be a string") }
                do {
                    out.append(.bloblang(source: source, try environment.parse(source)))
                } catch {
                    throw MappingTestError("\(at): bloblang: \(error.description)")
                }
            case "content_equals":
                switch value {
                case .string(let s): out.append(.contentEquals(s))
                default: out.append(.contentEquals(value.plainString))
                }
            case "metadata_equals":
                guard case .object(let m) = value else { throw MappingTestError("\(at): metadata_equals must be an object") }
                out.append(.metadataEquals(m))
            case "json_equals", "json_contains":
                // A YAML string is JSON text, as in Benthos; anything else is the value itself.
                var expected = value
                if case .string(let s) = value {
                    do { expected = try JSONReader.parse(s) } catch {
                        throw MappingTestError("\(at): \(key) is not valid JSON: \(error.message)")
                    }
                }
                out.append(key == "json_equals" ? .jsonEquals(expected) : .jsonContains(expected))
            default:
                throw MappingTestError(
                    "\(at): unknown condition `\(key)` (blobl test knows bloblang, content_equals, json_contains, json_equals, metadata_equals)")
            }
        }
        return out
    }

    /// The line of `name: <name>` in the file, for reports.
    static func lineOf(name: String, in text: String) -> Int {
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let t = line.trimmingCharacters(in: .whitespaces)
            let stripped = t.hasPrefix("- ") ? String(t.dropFirst(2)) : t
            guard stripped.hasPrefix("name:") else { continue }
            var v = stripped.dropFirst(5).trimmingCharacters(in: .whitespaces)
            if v.count >= 2, let f = v.first, (f == "\"" || f == "'"), v.last == f { v = String(v.dropFirst().dropLast()) }
            if v == name { return i + 1 }
        }
        return 0
    }
}
