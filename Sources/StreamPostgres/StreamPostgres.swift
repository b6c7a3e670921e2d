import StreamRuntime

/// The PostgreSQL components (`sql_*`), listed explicitly.
public enum StreamPostgres {
    /// Every component of this module.
    public static var all: [ComponentSpec] { [] }
}
