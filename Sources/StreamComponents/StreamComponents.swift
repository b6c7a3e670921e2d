import StreamRuntime

/// The components that need no external server, listed explicitly.
public enum StreamComponents {
    /// Every input, processor and output of this module.
    public static var all: [ComponentSpec] { inputs + processors + outputs }

    /// The registry with every component of this module.
    public static var registry: ComponentRegistry { ComponentRegistry(all) }
}
