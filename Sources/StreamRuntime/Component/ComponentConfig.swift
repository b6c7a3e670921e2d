import Bloblang

/// The checked config of one component, with typed access to its fields. Absent fields give
/// their spec default. Errors name the YAML path and location.
public struct ComponentConfig: Sendable {
    public let spec: ComponentSpec
    /// The component's body: a mapping of fields, or the single value of a scalar config.
    public let node: ConfigNode
    /// The YAML path of the body, e.g. `pipeline.processors[1].mapping`.
    public let path: String
    /// The `label` given to the component, if any.
    public let label: String?

    public init(spec: ComponentSpec, node: ConfigNode, path: String, label: String?) {
        self.spec = spec
        self.node = node
        self.path = path
        self.label = label
    }

    /// The node of a field (`""` for the whole body of a scalar config), or nil when absent.
    public func field(_ name: String) -> ConfigNode? {
        if name.isEmpty { return node }
        if case .null = node { return nil }
        if let v = node[name], case .null = v { return nil }
        return node[name]
    }

    public func fieldPath(_ name: String) -> String { name.isEmpty ? path : "\(path).\(name)" }

    public func error(_ message: String, field name: String) -> ConfigError {
        ConfigError(message, path: fieldPath(name), location: field(name)?.location ?? node.location)
    }

    func fieldSpec(_ name: String) -> FieldSpec? { spec.fields.first { $0.name == name } }

    /// The field as a value: YAML scalars resolved (numbers, bools, null), containers as
    /// arrays and objects; the spec default when absent.
    public func value(_ name: String) -> Value? {
        if let n = field(name) { return ConfigValues.value(of: n) }
        return fieldSpec(name)?.defaultValue
    }

    public func string(_ name: String) throws(ConfigError) -> String {
        guard let v = value(name) else { throw error("field \(name) is required", field: name) }
        switch v {
        case .string(let s): return s
        case .int, .uint, .float, .bool: return v.plainString
        default: throw error("expected a string, got \(v.type.rawValue)", field: name)
        }
    }

    public func optionalString(_ name: String) throws(ConfigError) -> String? {
        value(name) == nil ? nil : try string(name)
    }

    public func int(_ name: String) throws(ConfigError) -> Int {
        guard let v = value(name) else { throw error("field \(name) is required", field: name) }
        switch v {
        case .int(let i): return Int(i)
        case .string(let s): if let i = Int(s) { return i }
        default: break
        }
        throw error("expected an integer, got \(v.type.rawValue) (\(v.plainString))", field: name)
    }

    public func float(_ name: String) throws(ConfigError) -> Double {
        guard let v = value(name) else { throw error("field \(name) is required", field: name) }
        if let f = try? v.getNumber() { return f }
        if case .string(let s) = v, let f = Double(s) { return f }
        throw error("expected a number, got \(v.type.rawValue)", field: name)
    }

    public func bool(_ name: String) throws(ConfigError) -> Bool {
        guard let v = value(name) else { throw error("field \(name) is required", field: name) }
        if case .bool(let b) = v { return b }
        throw error("expected a bool, got \(v.type.rawValue)", field: name)
    }

    /// A duration field in seconds (`500ms`, `5s`, `1m`, `1h30m`).
    public func duration(_ name: String) throws(ConfigError) -> Double {
        let text = try string(name)
        if text.isEmpty { return 0 }
        do {
            return Double(try GoDuration.parse(text)) / 1e9
        } catch {
            throw self.error("invalid duration \(GoStrconv.quote(text)): \(error.message)", field: name)
        }
    }

    public func optionalDuration(_ name: String) throws(ConfigError) -> Double? {
        value(name) == nil ? nil : try duration(name)
    }

    public func stringList(_ name: String) throws(ConfigError) -> [String] {
        guard let v = value(name) else { return [] }
        switch v {
        case .array(let a): return a.map(\.plainString)
        case .string(let s): return [s]
        default: throw error("expected a list of strings", field: name)
        }
    }

    /// The config of an object field (`.object([FieldSpec])`), typed by the field's own specs;
    /// an absent field gives a config of defaults.
    public func object(_ name: String) -> ComponentConfig {
        var fields: [FieldSpec] = []
        if case .object(let f)? = fieldSpec(name)?.type { fields = f }
        let sub = ComponentSpec(spec.kind, spec.name, summary: "", fields: fields) { config, _ in
            throw config.error("not a component", field: "")
        }
        let body = field(name) ?? .mapping([], field(name)?.location ?? node.location)
        return ComponentConfig(spec: sub, node: body, path: fieldPath(name), label: nil)
    }

    public func stringMap(_ name: String) throws(ConfigError) -> [String: String] {
        guard let v = value(name) else { return [:] }
        guard case .object(let o) = v else { throw error("expected an object", field: name) }
        return o.mapValues(\.plainString)
    }
}

/// Converts YAML nodes to values with YAML 1.2 core scalar rules.
public enum ConfigValues {
    public static func value(of node: ConfigNode) -> Value {
        switch node {
        case .null: return .null
        case .scalar(let s, _, let quoted):
            if quoted { return .string(s) }
            switch s {
            case "null", "Null", "NULL", "~", "": return .null
            case "true", "True", "TRUE": return .bool(true)
            case "false", "False", "FALSE": return .bool(false)
            default: break
            }
            if let i = Int64(s) { return .int(i) }
            if s.contains("."), let f = Double(s), s.first != "." { return .float(f) }
            return .string(s)
        case .sequence(let items, _):
            return .array(items.map(value(of:)))
        case .mapping(let entries, _):
            var o: [String: Value] = [:]
            for e in entries { o[e.key] = value(of: e.value) }
            return .object(o)
        }
    }
}
