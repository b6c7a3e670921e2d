import StreamRuntime

/// The PostgreSQL components (`sql_*`), listed explicitly.
public enum StreamPostgres {
    /// Every component of this module.
    public static var all: [ComponentSpec] {
        [.sqlSelectInput, .sqlRawProcessor, .sqlSelectProcessor, .sqlRawOutput, .sqlInsertOutput]
    }

    /// A registry with only these components (for docs and tests).
    public static var registry: ComponentRegistry { ComponentRegistry(all) }
}
