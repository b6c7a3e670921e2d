import ArgumentParser

/// The options every platform binary takes: where its config and mappings are.
public struct ComponentOptions: ParsableArguments, Sendable {
    @Option(
        name: .customLong("config"),
        help: "The stage config (default: $SLUICE_CONFIG, else config/<component>.yaml).")
    public var config: String?

    @Option(
        name: .customLong("mappings-dir"),
        help: "The folder of the .blobl mappings (default: $MAPPINGS_DIR, else mappings/<component>).")
    public var mappingsDirectory: String?

    /// Options as parsed (empty: the defaults).
    public init() {}

    /// The resolved settings for `component`.
    public func environment(component: String) -> ServiceEnvironment {
        ServiceEnvironment(component: component, config: config, mappingsDirectory: mappingsDirectory)
    }
}
