import Bloblang
import Foundation

/// A check on one output message of a config unit test. `check` returns nil when the message
/// passes, otherwise why it failed (Benthos's wording, with a line diff for multi-line text
/// and JSON).
public enum OutputCondition: Sendable {
    /// A mapping whose result must be the boolean `true`.
    case bloblang(Mapping)
    case contentEquals(String)
    /// A regular expression (RE2 syntax) the content must match somewhere; the mapping runs it.
    case contentMatches(pattern: String, Mapping)
    case metadataEquals([String: Value])
    case fileEquals(String)
    case fileJSONEquals(String)
    case fileJSONContains(String)
    /// The expected document as JSON text (a YAML string is taken as JSON text, as in Benthos).
    case jsonEquals(String)
    case jsonContains(String)

    /// The field name in test definitions.
    public var name: String {
        switch self {
        case .bloblang: "bloblang"
        case .contentEquals: "content_equals"
        case .contentMatches: "content_matches"
        case .metadataEquals: "metadata_equals"
        case .fileEquals: "file_equals"
        case .fileJSONEquals: "file_json_equals"
        case .fileJSONContains: "file_json_contains"
        case .jsonEquals: "json_equals"
        case .jsonContains: "json_contains"
        }
    }

    static let names = [
        "bloblang", "content_equals", "content_matches", "metadata_equals", "file_equals", "file_json_equals",
        "file_json_contains", "json_equals", "json_contains",
    ]

    // MARK: - Checking

    /// Checks `message`; nil when it passes.
    /// - Parameter directory: the folder `file_*` paths are relative to.
    public func check(_ message: Message, directory: String) -> String? {
        switch self {
        case .bloblang(let mapping):
            do {
                return try Self.query(mapping, message) ? nil : "bloblang expression was false"
            } catch {
                return "\(error)"
            }
        case .contentEquals(let expected):
            return Self.contentMismatch(expected: expected, received: message.text)
        case .contentMatches(let pattern, let mapping):
            do {
                if try Self.query(mapping, message) { return nil }
            } catch {
                return "\(error)"
            }
            return "pattern mismatch\n   pattern: \(pattern)\n  received: \(message.text)"
        case .metadataEquals(let expected):
            for key in expected.keys.sorted() {
                guard let received = message.metadata[key] else { return "metadata key '\(key)' expected but not found" }
                if let e = expected[key], !e.looselyEquals(received) {
                    return "metadata key '\(key)' mismatch\n  expected: \(e.plainString)\n  received: \(received.plainString)"
                }
            }
            return nil
        case .fileEquals(let path):
            switch Self.read(path, directory: directory) {
            case .failure(let e): return "failed to read comparison file: \(e.message)"
            case .success(let text): return Self.contentMismatch(expected: text, received: message.text)
            }
        case .fileJSONEquals(let path), .fileJSONContains(let path):
            switch Self.read(path, directory: directory) {
            case .failure(let e): return "failed to read comparison JSON file: \(e.message)"
            case .success(let text):
                if case .fileJSONEquals = self { return Self.jsonMismatch(expected: text, message, superset: false) }
                return Self.jsonMismatch(expected: text, message, superset: true)
            }
        case .jsonEquals(let expected):
            return Self.jsonMismatch(expected: expected, message, superset: false)
        case .jsonContains(let expected):
            return Self.jsonMismatch(expected: expected, message, superset: true)
        }
    }

    /// Runs a mapping as a condition on a message (Benthos's `QueryPart`): the new document
    /// must be a boolean.
    static func query(_ mapping: Mapping, _ message: Message) throws(RuntimeError) -> Bool {
        let ctx = mapping.makeContext()
        mapping.prepare(
            ctx, content: message.content, this: mapping.readsThis ? message.peekStructured() : nil,
            metadata: message.metadata)
        ctx.messageError = message.error
        ctx.batchIndex = 0
        ctx.batchSize = 1
        try mapping.execute(ctx)
        let result: Value
        switch ctx.root {
        case .delete: throw RuntimeError("query mapping resulted in deleted message, expected a boolean value")
        case .nothing: result = try JSONReader.parse(message.content)
        case .string(let s): result = try JSONReader.parse(Array(s.utf8))
        case .bytes(let b): result = try JSONReader.parse(b)
        default: result = ctx.root
        }
        if case .bool(let b) = result { return b }
        throw RuntimeError.type(expected: [.bool], got: result, from: "mapping")
    }

    /// Benthos's two-line form for single-line texts; a line diff when either has several lines.
    static func contentMismatch(expected: String, received: String) -> String? {
        if expected == received { return nil }
        if !expected.contains("\n"), !received.contains("\n") {
            return "content mismatch\n  expected: \(expected)\n  received: \(received)"
        }
        return "content mismatch\n" + TextDiff.render(expected: expected, received: received)
    }

    static func jsonMismatch(expected text: String, _ message: Message, superset: Bool) -> String? {
        let title = superset ? "JSON superset mismatch" : "JSON content mismatch"
        let received: Value
        do {
            received = try JSONReader.parse(message.content)
        } catch {
            return "\(title)\n  the message is not valid JSON: \(error.message)\n  received: \(message.text)"
        }
        let expected: Value
        do {
            expected = try JSONReader.parse(text)
        } catch {
            return "\(title)\n  the expected value is not valid JSON: \(error.message)\n  expected: \(text)"
        }
        let (outcome, diffs) = JSONComparison.compare(received: received, expected: expected)
        switch outcome {
        case .equal: return nil
        case .superset where superset: return nil
        default: break
        }
        if superset {
            let lines = diffs.filter(\.breaksSuperset).map { "  \($0)" }
            return ([title] + lines + ["  received: \(JSONComparison.preview(received, limit: 1000))"]).joined(separator: "\n")
        }
        return title + "\n"
            + TextDiff.render(expected: JSONComparison.pretty(expected), received: JSONComparison.pretty(received))
    }

    static func read(_ path: String, directory: String) -> Result<String, UnitTestError> {
        let full = path.hasPrefix("/") ? path : (directory as NSString).appendingPathComponent(path)
        guard let data = FileManager.default.contents(atPath: full) else {
            return .failure(UnitTestError("open \(UnitTestInput.clean(full)): no such file or directory"))
        }
        return .success(String(decoding: data, as: UTF8.self))
    }
}

/// The conditions on one output message (one item of an `output_batches` batch), checked in
/// the order of their names.
public struct OutputConditions: Sendable {
    public var conditions: [OutputCondition]

    public init(_ conditions: [OutputCondition]) {
        self.conditions = conditions.sorted { $0.name < $1.name }
    }

    /// Reads the conditions of one message.
    /// - Parameter environment: parses `bloblang` and `content_matches`.
    /// - Throws: `ConfigError` for an unknown condition, a value of the wrong type or a mapping
    ///   that does not parse.
    public init(_ node: ConfigNode, path: String, environment: Environment) throws(ConfigError) {
        let r = NodeReader(node: node, path: path)
        try r.expectMapping()
        try r.rejectUnknown(OutputCondition.names)
        var out: [OutputCondition] = []
        if let text = try r.optionalString("bloblang") {
            do {
                out.append(.bloblang(try environment.parse(text)))
            } catch {
                var e = ConfigChecker.bloblangError(error, in: node["bloblang"] ?? node, path: r.path("bloblang"))
                e.message = "bloblang: \(error.description)"
                throw e
            }
        }
        if let text = try r.optionalString("content_equals") { out.append(.contentEquals(text)) }
        if let pattern = try r.optionalString("content_matches") {
            do {
                let m = try environment.parse("root = content().string().re_match(\(GoStrconv.quote(pattern)))")
                out.append(.contentMatches(pattern: pattern, m))
            } catch {
                throw r.error("content_matches: invalid pattern \(GoStrconv.quote(pattern)): \(error.message)", field: "content_matches")
            }
        }
        if let meta = try r.optionalValueMap("metadata_equals") { out.append(.metadataEquals(meta)) }
        if let path = try r.optionalString("file_equals") { out.append(.fileEquals(path)) }
        if let path = try r.optionalString("file_json_equals") { out.append(.fileJSONEquals(path)) }
        if let path = try r.optionalString("file_json_contains") { out.append(.fileJSONContains(path)) }
        if let n = node["json_equals"] { out.append(.jsonEquals(Self.jsonText(n))) }
        if let n = node["json_contains"] { out.append(.jsonContains(Self.jsonText(n))) }
        self.init(out)
    }

    /// A YAML string is JSON text already; any other value is written as JSON.
    static func jsonText(_ node: ConfigNode) -> String {
        let v = YAMLValue.value(of: node)
        if case .string(let s) = v { return s }
        return String(decoding: JSONWriter.compact(v), as: UTF8.self)
    }

    /// Every failure for `message`, each as `<condition>: <reason>`.
    public func check(_ message: Message, directory: String) -> [String] {
        conditions.compactMap { c in c.check(message, directory: directory).map { "\(c.name): \($0)" } }
    }
}
