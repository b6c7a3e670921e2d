import Bloblang

/// One component met while walking a config, for checks that need the whole file (labels,
/// resource references).
struct ComponentVisit {
    var kind: ComponentSpec.Kind
    var spec: ComponentSpec
    /// The name as written (an alias, possibly).
    var name: String
    var label: String?
    var labelLocation: ConfigLocation?
    var body: ConfigNode
    /// The path of the component node (without its name).
    var path: String
    var location: ConfigLocation
}

/// Walks config nodes against specs, collecting issues. Used from one task at a time.
final class ConfigWalker {
    let registry: ComponentRegistry
    let environment: Environment
    var issues: [ConfigError] = []
    /// Called for each component whose type is known, after its body was checked.
    var onComponent: ((ComponentVisit) -> Void)?

    init(registry: ComponentRegistry, environment: Environment) {
        self.registry = registry
        self.environment = environment
    }

    func error(_ message: String, path: String, at location: ConfigLocation?) {
        issues.append(ConfigError(message, path: path, location: location))
    }

    func warning(_ message: String, path: String, at location: ConfigLocation?) {
        issues.append(ConfigError(message, path: path, location: location, severity: .warning))
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    static func isNull(_ node: ConfigNode) -> Bool {
        if case .null = node { return true }
        return false
    }

    // MARK: - Components

    /// Reserved keys of a component node besides its type.
    static func reservedKeys(_ kind: ComponentSpec.Kind) -> [String] {
        kind == .processor ? ["label"] : ["label", "processors"]
    }

    /// Checks a component node: exactly one known type key, a valid label, the body.
    func component(_ node: ConfigNode, kind: ComponentSpec.Kind, path: String) {
        guard case .mapping(let entries, let loc) = node else {
            error("expected object value, got \(ConfigLoader.shortTag(node))", path: path, at: node.location)
            return
        }
        let reserved = Self.reservedKeys(kind)
        let candidates = entries.filter { !reserved.contains($0.key) }
        let known = candidates.filter { registry.spec(kind, $0.key) != nil }
        guard let chosen = known.first, let spec = registry.spec(kind, chosen.key) else {
            if candidates.isEmpty {
                error("unable to infer \(kind.rawValue) type: no component type given", path: path, at: loc)
            }
            for c in candidates {
                let hint = Suggest.closest(to: c.key, in: registry.names(kind)).map { ", did you mean \($0)?" } ?? ""
                error("unknown \(kind.rawValue) type \(c.key)\(hint)", path: Self.join(path, c.key), at: c.keyLocation)
            }
            return
        }
        for extra in known.dropFirst() {
            error(
                "a \(kind.rawValue) may name only one component type, found \(chosen.key) and \(extra.key)",
                path: Self.join(path, extra.key), at: extra.keyLocation)
        }
        for c in candidates where registry.spec(kind, c.key) == nil {
            var message = "field \(c.key) is invalid when the component type is \(chosen.key) (\(kind.rawValue))"
            if spec.fields.contains(where: { $0.name == c.key && !$0.name.isEmpty }) {
                message += ", it belongs under \(chosen.key)"
            } else if let s = Suggest.closest(to: c.key, in: reserved) {
                message += ", did you mean \(s)?"
            }
            error(message, path: Self.join(path, c.key), at: c.keyLocation)
        }
        if chosen.key != spec.name {
            warning(
                "\(chosen.key) is an alias of the \(kind.rawValue) \(spec.name), use \(spec.name) instead",
                path: Self.join(path, chosen.key), at: chosen.keyLocation)
        }
        if spec.status == .deprecated {
            warning("component \(spec.name) is deprecated", path: Self.join(path, chosen.key), at: chosen.keyLocation)
        }
        var label: String?
        var labelLocation: ConfigLocation?
        if let l = entries.last(where: { $0.key == "label" }) {
            labelLocation = l.value.location
            switch l.value {
            case .scalar(let s, _, _):
                label = s
                if !s.isEmpty, let problem = ConfigChecker.labelProblem(s) {
                    error(problem, path: Self.join(path, "label"), at: l.value.location)
                }
                if !s.isEmpty, spec.name == "resource" {
                    error(
                        "label field should be omitted when pointing to a resource", path: Self.join(path, "label"),
                        at: l.keyLocation)
                }
            case .null: break
            default:
                error("expected string value", path: Self.join(path, "label"), at: l.value.location)
            }
        }
        if let p = entries.last(where: { $0.key == "processors" }), kind != .processor {
            value(p.value, .processors, field: nil, path: Self.join(path, "processors"))
        }
        let bodyPath = Self.join(path, chosen.key)
        body(of: spec, chosen.value, path: bodyPath)
        onComponent?(
            ComponentVisit(
                kind: kind, spec: spec, name: chosen.key, label: label, labelLocation: labelLocation, body: chosen.value,
                path: path,
                location: loc))
    }

    /// Checks a component body against its spec.
    func body(of spec: ComponentSpec, _ node: ConfigNode, path: String) {
        if spec.isScalarConfig {
            let field = spec.fields[0]
            if Self.isNull(node) {
                if field.isRequired {
                    error("expected \(Self.typeName(field.type)) value, got !!null", path: path, at: node.location)
                }
                return
            }
            value(node, field.type, field: field, path: path)
        } else {
            fields(node, spec.fields, path: path)
        }
    }

    // MARK: - Fields

    /// Checks an object against field specs: unknown keys, required keys, each value.
    func fields(_ node: ConfigNode, _ specs: [FieldSpec], path: String) {
        var entries: [(key: String, keyLocation: ConfigLocation, value: ConfigNode)] = []
        switch node {
        case .mapping(let e, _): entries = e
        case .null: break
        default:
            error("expected object value, got \(ConfigLoader.shortTag(node))", path: path, at: node.location)
            return
        }
        let names = specs.map(\.name).filter { !$0.isEmpty }
        var given = Set<String>()
        for e in entries {
            guard let spec = specs.first(where: { $0.name == e.key && !$0.name.isEmpty }) else {
                let hint = Suggest.closest(to: e.key, in: names).map { ", did you mean \($0)?" } ?? ""
                error("field \(e.key) not recognised\(hint)", path: Self.join(path, e.key), at: e.keyLocation)
                continue
            }
            if Self.isNull(e.value) { continue }
            given.insert(e.key)
            value(e.value, spec.type, field: spec, path: Self.join(path, e.key))
        }
        for spec in specs where spec.isRequired && !spec.name.isEmpty && !given.contains(spec.name) {
            error("field \(spec.name) is required", path: Self.join(path, spec.name), at: node.location)
        }
    }

    /// A short name of a field type for messages (Benthos's words).
    static func typeName(_ type: FieldSpec.FieldType) -> String {
        switch type {
        case .string, .duration, .interpolatedString, .bloblang: "string"
        case .int: "int"
        case .float: "float"
        case .bool: "bool"
        case .processors, .array, .outputs: "array"
        case .input, .output, .object, .map: "object"
        case .any: "any"
        }
    }

    /// Checks one value against a field type. `field` carries the options, when the value is
    /// the field itself or an element of it.
    func value(_ node: ConfigNode, _ type: FieldSpec.FieldType, field: FieldSpec?, path: String) {
        switch type {
        case .any:
            return
        case .string, .int, .float, .bool, .duration, .interpolatedString, .bloblang:
            guard case .scalar(let text, _, _) = node else {
                if Self.isNull(node) { return }
                error("expected \(Self.typeName(type)) value", path: path, at: node.location)
                return
            }
            scalar(node, text: text, type, field: field, path: path)
        case .processors:
            guard case .sequence(let items, _) = node else {
                if Self.isNull(node) { return }
                error("expected array value", path: path, at: node.location)
                return
            }
            for (i, item) in items.enumerated() { component(item, kind: .processor, path: "\(path)[\(i)]") }
        case .input:
            component(node, kind: .input, path: path)
        case .output:
            component(node, kind: .output, path: path)
        case .outputs:
            if case .sequence(let items, _) = node {
                for (i, item) in items.enumerated() { component(item, kind: .output, path: "\(path)[\(i)]") }
            } else if !Self.isNull(node) {
                error("expected array value", path: path, at: node.location)
            }
        case .array(let element):
            guard case .sequence(let items, _) = node else {
                if Self.isNull(node) { return }
                error("expected array value", path: path, at: node.location)
                return
            }
            for (i, item) in items.enumerated() { value(item, element, field: field, path: "\(path)[\(i)]") }
        case .map(let element):
            guard case .mapping(let entries, _) = node else {
                if Self.isNull(node) { return }
                error("expected object value, got \(ConfigLoader.shortTag(node))", path: path, at: node.location)
                return
            }
            for e in entries { value(e.value, element, field: field, path: Self.join(path, e.key)) }
        case .object(let children):
            fields(node, children, path: path)
        }
    }

    /// Checks a scalar against a scalar field type.
    func scalar(_ node: ConfigNode, text: String, _ type: FieldSpec.FieldType, field: FieldSpec?, path: String) {
        let v = ConfigValues.value(of: node)
        switch type {
        case .int:
            if case .int = v { return }
            if case .string(let s) = v, Int(s) != nil { return }
            error("expected int value, got \(ConfigLoader.shortTag(node)) \(GoStrconv.quote(text))", path: path, at: node.location)
        case .float:
            switch v {
            case .int, .uint, .float: return
            case .string(let s) where Double(s) != nil: return
            default:
                error("expected float value, got \(ConfigLoader.shortTag(node)) \(GoStrconv.quote(text))", path: path, at: node.location)
            }
        case .bool:
            if case .bool = v { return }
            error("expected bool value, got \(ConfigLoader.shortTag(node)) \(GoStrconv.quote(text))", path: path, at: node.location)
        case .duration:
            if text.isEmpty { return }
            do {
                _ = try GoDuration.parse(text)
            } catch {
                self.error("invalid duration \(GoStrconv.quote(text)): \(error.message)", path: path, at: node.location)
            }
        case .bloblang:
            if text.isEmpty { return }
            do {
                _ = try environment.parse(text)
            } catch {
                issues.append(ConfigChecker.bloblangError(error, in: node, path: path))
            }
        case .interpolatedString:
            do {
                _ = try InterpolatedString(text, environment: environment)
            } catch {
                issues.append(ConfigChecker.bloblangError(error, in: node, path: path))
            }
        default:
            break
        }
        if let options = field?.options, !options.isEmpty, !text.contains("${!") {
            let lower = text.lowercased()
            if !options.contains(where: { $0.lowercased() == lower }) {
                let hint =
                    Suggest.closest(to: text, in: options).map { ", did you mean \($0)?" }
                    ?? " (expected one of: \(options.joined(separator: ", ")))"
                error("value \(text) is not a valid option for this field\(hint)", path: path, at: node.location)
            }
        }
    }
}
