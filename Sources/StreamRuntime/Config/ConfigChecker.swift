import Bloblang

/// Checks a component config against its spec. (Minimal version: the config helper extends it
/// with unknown-field, type, option and nested checks.)
public enum ConfigChecker {
    /// The problems of one component's config.
    public static func check(_ config: ComponentConfig, registry: ComponentRegistry, environment: Environment) -> [ConfigError] {
        []
    }

    /// A Bloblang parse error inside a config field, located in the YAML file.
    public static func bloblangError(_ error: ParseError, config: ComponentConfig, field: String) -> ConfigError {
        var loc = config.field(field)?.location ?? config.node.location
        loc.line += error.location.line - 1
        return ConfigError(error.description, path: config.fieldPath(field), location: loc)
    }
}
