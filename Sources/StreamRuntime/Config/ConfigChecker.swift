import Bloblang

/// Checks configs against the component specs: unknown fields (with a suggestion), values of
/// the wrong YAML type, missing required fields, values outside a field's options, durations
/// that do not parse, Bloblang and `${! }` errors located in the YAML file, labels, and nested
/// components (through the registry). Each problem is a `ConfigError` naming the YAML path.
public enum ConfigChecker {
    /// The problems of one component's config (its body, its nested components and its label).
    public static func check(_ config: ComponentConfig, registry: ComponentRegistry, environment: Environment) -> [ConfigError] {
        let walker = ConfigWalker(registry: registry, environment: environment)
        if let label = config.label, let problem = labelProblem(label) {
            walker.error(problem, path: config.path, at: config.node.location)
        }
        walker.body(of: config.spec, config.node, path: config.path)
        return walker.issues
    }

    /// The problems of a component node of `kind` (`{mapping: "...", label: x}`), as written
    /// in a config at `path`.
    public static func checkComponent(
        _ node: ConfigNode, kind: ComponentSpec.Kind, path: String, registry: ComponentRegistry, environment: Environment
    ) -> [ConfigError] {
        let walker = ConfigWalker(registry: registry, environment: environment)
        walker.component(node, kind: kind, path: path)
        return walker.issues
    }

    /// The problems of an object checked against a list of field specs.
    public static func checkFields(
        _ node: ConfigNode, fields: [FieldSpec], path: String, registry: ComponentRegistry, environment: Environment
    ) -> [ConfigError] {
        let walker = ConfigWalker(registry: registry, environment: environment)
        walker.fields(node, fields, path: path)
        return walker.issues
    }

    /// A Bloblang parse error inside a config field, located in the YAML file.
    public static func bloblangError(_ error: ParseError, config: ComponentConfig, field: String) -> ConfigError {
        bloblangError(error, in: config.field(field) ?? config.node, path: config.fieldPath(field))
    }

    /// A Bloblang parse error in the scalar `node`, at the file position of the error: the
    /// error's line and column inside the value are mapped through the scalar's YAML style
    /// (plain, quoted, or a `|`/`>` block whose text starts on the next line).
    public static func bloblangError(_ error: ParseError, in node: ConfigNode, path: String) -> ConfigError {
        let at = error.location
        let location: ConfigLocation
        if case .scalar(let text, let start, _) = node {
            location = ScalarLocator.locate(valueLine: at.line, valueColumn: at.column, value: text, start: start)
        } else {
            location = node.location
        }
        var message = error.message
        if !error.help.isEmpty { message += " (\(error.help.joined(separator: "; ")))" }
        return ConfigError(message, path: path, location: location)
    }

    /// The pattern labels must match.
    public static let labelPattern = #"^[a-z0-9_\-]+$"#

    /// Why a label is not valid, or nil when it is.
    public static func labelProblem(_ label: String) -> String? {
        let valid =
            !label.isEmpty && !label.hasPrefix("_") && !label.hasPrefix("-")
            && label.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
        if valid { return nil }
        return
            "invalid label '\(label)': should match the regular expression /\(labelPattern)/ and must not start with an underscore"
    }
}
