import Bloblang
import Foundation
import PostgresClient
import StreamRuntime

#if canImport(Glibc)
    import Glibc
#endif

/// The fields every `sql_*` component shares (driver, DSN, init statements, pool limits), and
/// the database handle built from them.
enum SQLConnectionFields {
    static let driver = FieldSpec(
        "driver", .string,
        "The database driver. Only PostgreSQL is built in: `postgres` (and `pgx`, accepted as another name for it).",
        options: ["postgres", "pgx"])

    static let dsn = FieldSpec(
        "dsn", .string,
        "The database to connect to: a URL (`postgres://user:password@host:port/dbname?sslmode=disable`) or libpq key=value settings (`host=... port=... dbname=... user=... password=...`). Without `sslmode` libpq tries TLS first and falls back to plain (`prefer`); `connect_timeout` defaults to 10 seconds.",
        examples: [
            .string("postgres://foouser:foopass@localhost:5432/foodb?sslmode=disable"),
            .string("host=localhost port=5432 dbname=foodb user=foouser password=foopass sslmode=disable"),
        ])

    /// The pool and init fields, after the component's own.
    static let connection: [FieldSpec] = [
        FieldSpec(
            "init_files", .array(.string),
            "SQL files run once, in order, on the first connection (glob patterns allowed, relative to the config file). A file may hold several statements. A failure is logged as a warning and the component carries on, so write statements that can run again (`CREATE TABLE IF NOT EXISTS`).",
            optional: true, advanced: true, examples: [.array([.string("./init/*.sql")]), .array(["./foo.sql", "./bar.sql"])]),
        FieldSpec(
            "init_statement", .string,
            "SQL run once on the first connection, after `init_files`. A failure is logged as a warning and the component carries on.",
            optional: true, advanced: true,
            examples: [
                .string("CREATE TABLE IF NOT EXISTS some_table (foo varchar(50) not null, bar integer, primary key (foo));")
            ]),
        FieldSpec(
            "conn_max_idle_time", .duration,
            "Idle connections older than this are closed instead of reused; empty or `0s`: no limit.", optional: true,
            advanced: true),
        FieldSpec(
            "conn_max_life_time", .duration,
            "Connections older than this are closed instead of reused; empty or `0s`: no limit.", optional: true,
            advanced: true),
        FieldSpec(
            "conn_max_idle", .int, "Most idle connections kept open for reuse; 0 or less keeps none.", default: .int(2),
            advanced: true),
        FieldSpec(
            "conn_max_open", .int,
            "Most connections open at once; 0 or less: no limit (each open connection has its own thread).",
            optional: true, advanced: true),
    ]

    /// Checks the driver and builds the database handle of a component.
    /// With `singleConnection` the pool keeps exactly one connection for as long as it works
    /// (the `sql_select` input reads a cursor that lives on it).
    static func database(
        _ config: ComponentConfig, _ context: BuildContext, singleConnection: Bool = false
    ) throws
        -> SQLDatabase
    {
        let driver = try config.string("driver")
        guard driver == "postgres" || driver == "pgx" else {
            throw config.error(
                "driver \(driver) is not supported: sluice has only the PostgreSQL driver (postgres, or its alias pgx)",
                field: "driver")
        }
        let dsn = try config.string("dsn")
        if dsn.trimmingCharacters(in: .whitespaces).isEmpty { throw config.error("dsn must not be empty", field: "dsn") }
        var options = PostgresPool.Options()
        options.maxIdle = try config.int("conn_max_idle")
        if config.value("conn_max_open") != nil { options.maxOpen = try config.int("conn_max_open") }
        if let life = try config.optionalDuration("conn_max_life_time"), life > 0 { options.maxLifetime = .seconds(life) }
        if let idle = try config.optionalDuration("conn_max_idle_time"), idle > 0 { options.maxIdleTime = .seconds(idle) }
        if options.maxOpen > 0, options.maxIdle > options.maxOpen { options.maxIdle = options.maxOpen }
        if singleConnection {
            options = PostgresPool.Options(maxOpen: 1, maxIdle: 1, connectTimeout: options.connectTimeout)
        }

        var initScripts: [(String, String)] = []
        for pattern in try config.stringList("init_files") {
            let paths = expand(context.resolvePath(pattern))
            if paths.isEmpty { throw config.error("init_files: no file matches \(pattern)", field: "init_files") }
            for path in paths {
                guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                    throw config.error("init_files: cannot read \(path)", field: "init_files")
                }
                initScripts.append((path, text))
            }
        }
        if let statement = try config.optionalString("init_statement"), !statement.isEmpty {
            initScripts.append(("init_statement", statement))
        }
        return SQLDatabase(
            pool: PostgresPool(dsn: dsn, options: options), initScripts: initScripts,
            logger: context.logger.with(["path": .string(config.path)]))
    }

    /// The files a glob pattern names, sorted; a pattern without wildcards names itself.
    static func expand(_ pattern: String) -> [String] {
        guard pattern.contains(where: { "*?[".contains($0) }) else { return [pattern] }
        var g = glob_t()
        defer { globfree(&g) }
        guard glob(pattern, 0, nil, &g) == 0 else { return [] }
        var out: [String] = []
        for i in 0..<Int(g.gl_pathc) {
            if let p = g.gl_pathv[i] { out.append(String(cString: p)) }
        }
        return out.sorted()
    }

    /// A `?`-placeholder clause in PostgreSQL's `$n` style, numbering from `start`. `??` stands
    /// for a literal `?` (the jsonb operator); quoted text is left alone.
    static func dollarPlaceholders(_ text: String, start: Int = 1) -> (String, Int) {
        var out = ""
        var n = start
        var quote: Character?
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if let q = quote {
                out.append(c)
                if c == q { quote = nil }
                continue
            }
            switch c {
            case "'", "\"":
                quote = c
                out.append(c)
            case "?":
                if chars.first == "?" {
                    chars.removeFirst()
                    out.append("?")
                } else {
                    out += "$\(n)"
                    n += 1
                }
            default:
                out.append(c)
            }
        }
        return (out, n - start)
    }
}
