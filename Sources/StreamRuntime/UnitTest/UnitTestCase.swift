import Bloblang
import Foundation

/// One config unit test (an item of `tests:`): which processors to run, what to feed them and
/// what must come out. The shape and defaults are Benthos's.
public struct UnitTestCase: Sendable {
    public var name: String
    /// The line of the case in its file (failures name it).
    public var line: Int
    /// Environment variables set while the target config is read and the case runs (nil when
    /// the field is absent).
    public var environment: [String: String]?
    /// A JSON pointer (`/pipeline/processors`), a label, or either after `file.yaml#`.
    public var targetProcessors: String
    /// A Bloblang file to test instead of processors (relative to the config); empty when unset.
    public var targetMapping: String
    /// Processors replacing the ones at a JSON pointer or with a label, in the order written.
    public var mocks: [Mock]
    public var inputBatches: [[UnitTestInput]]
    public var outputBatches: [[OutputConditions]]

    /// A replacement processor for a test.
    public struct Mock: Sendable {
        /// A JSON pointer (starts with `/`) or a label.
        public var target: String
        /// The processor config that replaces the target.
        public var node: ConfigNode
    }

    public init(
        name: String, line: Int = 0, environment: [String: String]? = nil, targetProcessors: String = "/pipeline/processors",
        targetMapping: String = "", mocks: [Mock] = [], inputBatches: [[UnitTestInput]] = [],
        outputBatches: [[OutputConditions]] = []
    ) {
        self.name = name
        self.line = line
        self.environment = environment
        self.targetProcessors = targetProcessors
        self.targetMapping = targetMapping
        self.mocks = mocks
        self.inputBatches = inputBatches
        self.outputBatches = outputBatches
    }

    static let fields = [
        "name", "environment", "target_processors", "target_mapping", "mocks", "input_batch", "input_batches",
        "output_batches",
    ]

    // MARK: - Parsing

    /// Reads one case from its YAML node.
    /// - Parameters:
    ///   - environment: the Bloblang environment `bloblang` and `content_matches` conditions
    ///     are parsed with.
    /// - Throws: `ConfigError` naming the field and line of the first problem.
    public init(_ node: ConfigNode, path: String, environment: Environment) throws(ConfigError) {
        let r = NodeReader(node: node, path: path)
        try r.expectMapping()
        try r.rejectUnknown(Self.fields)
        name = try r.requiredString("name")
        line = node.location.line
        self.environment = try r.optionalStringMap("environment")
        targetProcessors = try r.optionalString("target_processors") ?? "/pipeline/processors"
        targetMapping = try r.optionalString("target_mapping") ?? ""

        mocks = []
        if let m = r.present("mocks") {
            guard case .mapping(let entries, _) = m else { throw r.error("expected object value", field: "mocks") }
            let pointers = entries.filter { $0.key.hasPrefix("/") }
            let labels = entries.filter { !$0.key.hasPrefix("/") }
            mocks = (pointers + labels).map { Mock(target: $0.key, node: $0.value) }
        }

        inputBatches = []
        if let batches = try r.optionalList("input_batches") {
            for (i, batch) in batches.enumerated() {
                let batchPath = "\(r.path("input_batches"))[\(i)]"
                guard case .sequence(let items, _) = batch else {
                    throw ConfigError("expected array value", path: batchPath, location: batch.location)
                }
                inputBatches.append(
                    try items.enumerated().map { (j, item) throws(ConfigError) in
                        try UnitTestInput(item, path: "\(batchPath)[\(j)]")
                    })
            }
        }
        if let items = try r.optionalList("input_batch"), !items.isEmpty {
            inputBatches.append(
                try items.enumerated().map { (j, item) throws(ConfigError) in
                    try UnitTestInput(item, path: "\(r.path("input_batch"))[\(j)]")
                })
        }

        outputBatches = []
        if let batches = try r.optionalList("output_batches") {
            for (i, batch) in batches.enumerated() {
                let batchPath = "\(r.path("output_batches"))[\(i)]"
                guard case .sequence(let items, _) = batch else {
                    throw ConfigError("expected array value", path: batchPath, location: batch.location)
                }
                outputBatches.append(
                    try items.enumerated().map { (j, item) throws(ConfigError) in
                        try OutputConditions(item, path: "\(batchPath)[\(j)]", environment: environment)
                    })
            }
        }
    }

    /// Reads the `tests` list of a config or test definition file (an absent list is empty).
    /// - Throws: `ConfigError` for the first case that cannot be read.
    public static func cases(in root: ConfigNode, environment: Environment) throws(ConfigError) -> [UnitTestCase] {
        guard let tests = root["tests"] else { return [] }
        switch tests {
        case .null: return []
        case .sequence(let items, _):
            var out: [UnitTestCase] = []
            for (i, item) in items.enumerated() {
                out.append(try UnitTestCase(item, path: "tests[\(i)]", environment: environment))
            }
            return out
        default:
            throw ConfigError("expected array value", path: "tests", location: tests.location)
        }
    }
}

// MARK: - Field reading

/// Typed reads of the fields of a test definition node, with errors that name the YAML path
/// and line.
struct NodeReader {
    var node: ConfigNode
    var pathPrefix: String

    init(node: ConfigNode, path: String) {
        self.node = node
        self.pathPrefix = path
    }

    func path(_ field: String) -> String { pathPrefix.isEmpty ? field : "\(pathPrefix).\(field)" }

    func error(_ message: String, field: String) -> ConfigError {
        ConfigError(message, path: path(field), location: node[field]?.location ?? node.location)
    }

    func expectMapping() throws(ConfigError) {
        guard case .mapping = node else {
            throw ConfigError(
                "expected object value, got \(ConfigLoader.shortTag(node))", path: pathPrefix, location: node.location)
        }
    }

    /// Unknown keys are errors (with the closest known name), so that a misspelt condition
    /// cannot pass silently.
    func rejectUnknown(_ known: [String]) throws(ConfigError) {
        guard case .mapping(let entries, _) = node else { return }
        for e in entries where !known.contains(e.key) {
            let hint = Suggest.closest(to: e.key, in: known).map { ", did you mean \($0)?" } ?? ""
            throw ConfigError("field \(e.key) not recognised\(hint)", path: path(e.key), location: e.keyLocation)
        }
    }

    func present(_ field: String) -> ConfigNode? {
        guard let n = node[field] else { return nil }
        if case .null = n { return nil }
        return n
    }

    func optionalString(_ field: String) throws(ConfigError) -> String? {
        guard let n = present(field) else { return nil }
        guard case .scalar(let s, _, _) = n else { throw error("expected string value", field: field) }
        return s
    }

    func requiredString(_ field: String) throws(ConfigError) -> String {
        if case .null? = node[field] { return "" }
        guard let s = try optionalString(field) else { throw error("field \(field) is required", field: field) }
        return s
    }

    func optionalList(_ field: String) throws(ConfigError) -> [ConfigNode]? {
        guard let n = present(field) else { return nil }
        guard case .sequence(let items, _) = n else { throw error("expected array value", field: field) }
        return items
    }

    func optionalStringMap(_ field: String) throws(ConfigError) -> [String: String]? {
        guard let n = node[field] else { return nil }
        if case .null = n { return [:] }
        guard case .mapping(let entries, _) = n else { throw error("expected object value", field: field) }
        var out: [String: String] = [:]
        for e in entries {
            switch e.value {
            case .scalar(let s, _, _): out[e.key] = s
            case .null: out[e.key] = ""
            default: throw ConfigError("expected string value", path: "\(path(field)).\(e.key)", location: e.value.location)
            }
        }
        return out
    }

    /// A map of any values (metadata).
    func optionalValueMap(_ field: String) throws(ConfigError) -> [String: Value]? {
        guard let n = present(field) else { return nil }
        guard case .mapping(let entries, _) = n else { throw error("expected object value", field: field) }
        var out: [String: Value] = [:]
        for e in entries { out[e.key] = YAMLValue.value(of: e.value) }
        return out
    }
}

/// YAML nodes as values the way Go's YAML decoder types them: plain scalars that look like
/// integers, floats (`1.5`, `1e3`, `.inf`), bools or null get those types, quoted scalars
/// stay strings.
enum YAMLValue {
    static func value(of node: ConfigNode) -> Value {
        switch node {
        case .null: return .null
        case .scalar(let s, _, let quoted):
            if quoted { return .string(s) }
            switch s {
            case "null", "Null", "NULL", "~", "": return .null
            case "true", "True", "TRUE": return .bool(true)
            case "false", "False", "FALSE": return .bool(false)
            case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
            case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
            case ".nan", ".NaN", ".NAN": return .float(.nan)
            default: break
            }
            if let i = Int64(s) { return .int(i) }
            if looksLikeFloat(s), let f = Double(s) { return .float(f) }
            return .string(s)
        case .sequence(let items, _):
            return .array(items.map(value(of:)))
        case .mapping(let entries, _):
            var o: [String: Value] = [:]
            for e in entries { o[e.key] = value(of: e.value) }
            return .object(o)
        }
    }

    /// YAML 1.2 core float syntax: `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`.
    static func looksLikeFloat(_ s: String) -> Bool {
        var chars = Substring(s)
        if chars.first == "-" || chars.first == "+" { chars = chars.dropFirst() }
        let mantissa = chars.prefix { $0 != "e" && $0 != "E" }
        let exponent = chars.dropFirst(mantissa.count)
        let parts = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, parts.count <= 2 else { return false }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard whole.allSatisfy(\.isASCIIDigit), fraction.allSatisfy(\.isASCIIDigit) else { return false }
        guard !whole.isEmpty || !fraction.isEmpty else { return false }
        if exponent.isEmpty { return true }
        var e = exponent.dropFirst()
        if e.first == "-" || e.first == "+" { e = e.dropFirst() }
        return !e.isEmpty && e.allSatisfy(\.isASCIIDigit)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
