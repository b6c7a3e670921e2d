import ArgumentParser
import Foundation
import PostgresClient

/// `api-gateway`: the HTTP API (`serve`, the default) and its admin subcommands.
public struct APIGatewayCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "api-gateway",
        abstract: "The inference platform's HTTP API, and its schema and user administration.",
        subcommands: [Serve.self, Migrate.self, Users.self],
        defaultSubcommand: Serve.self)

    public init() {}

    /// Where the migration files are: `--migrations-dir`, else `$MIGRATIONS_DIR`, else `migrations`.
    struct MigrationOptions: ParsableArguments {
        @Option(
            name: .customLong("migrations-dir"),
            help: "The folder of the .sql migrations (default: $MIGRATIONS_DIR, else migrations).")
        var migrationsDirectory: String?

        var resolved: String {
            if let m = migrationsDirectory, !m.isEmpty { return m }
            if let m = ProcessInfo.processInfo.environment["MIGRATIONS_DIR"], !m.isEmpty { return m }
            return "migrations"
        }
    }

    /// The database of `DATABASE_URL` (with the default).
    static func pool() -> PostgresPool {
        PostgresPool(dsn: ServiceEnvironment(component: "api-gateway").databaseURL)
    }

    /// Prints a one-line error on standard error.
    static func fail(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("api-gateway: \(message)\n".utf8))
        return ExitCode(1)
    }

    // MARK: - serve

    /// Applies pending migrations, then serves the API until SIGTERM.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply pending migrations, then serve the API (the default subcommand).",
            discussion: ComponentHelp.settings + """


                At start the pending migrations are applied; the database is waited for up to \
                MIGRATE_TIMEOUT seconds (default 60).
                """)

        @OptionGroup var options: ComponentOptions
        @OptionGroup var migrations: MigrationOptions

        func run() async throws {
            let environment = options.environment(component: "api-gateway")
            let pool = PostgresPool(dsn: environment.databaseURL, options: .init(maxOpen: 1))
            let timeout = Double(ProcessInfo.processInfo.environment["MIGRATE_TIMEOUT"] ?? "") ?? 60
            let deadline = ContinuousClock.now + .seconds(timeout)
            while true {
                do {
                    let applied = try await Migrator(directory: migrations.resolved).migrate(pool)
                    if !applied.isEmpty {
                        ComponentRunner.logStartup(
                            component: "api-gateway", level: "INFO", "Applied migrations: \(applied.joined(separator: ", "))")
                    }
                    break
                } catch let error as PostgresError where error.isConnectionFailure && ContinuousClock.now < deadline {
                    ComponentRunner.logStartup(
                        component: "api-gateway", level: "WARN", "Waiting for the database to migrate: \(error)")
                    try await Task.sleep(for: .seconds(2))
                } catch {
                    pool.close()
                    ComponentRunner.logStartup(component: "api-gateway", "Cannot migrate the database: \(error)")
                    throw ExitCode(1)
                }
            }
            pool.close()
            let runner = ComponentRunner(component: "api-gateway", environment: environment)
            if await runner.run() == false { throw ExitCode(1) }
        }
    }

    // MARK: - migrate

    /// Applies pending migrations and exits.
    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply the pending migrations of the migrations folder to DATABASE_URL, then exit.",
            discussion: "Prints each migration applied. Exit status 0 when the schema is up to date, 1 on error.")

        @OptionGroup var migrations: MigrationOptions

        func run() async throws {
            let pool = APIGatewayCommand.pool()
            defer { pool.close() }
            do {
                let applied = try await Migrator(directory: migrations.resolved).migrate(pool)
                for v in applied { print("applied \(v)") }
                if applied.isEmpty { print("the schema is up to date") }
            } catch {
                throw APIGatewayCommand.fail("\(error)")
            }
        }
    }

    // MARK: - users

    /// User administration.
    struct Users: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create users and show their usage.", subcommands: [Create.self, Show.self])

        struct Create: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Create a user with a token quota and print its new API key (only the key, on stdout).",
                discussion: """
                    The key is shown once: only its SHA-256 is stored. Exit status 1 when the name \
                    is taken or the database cannot be reached.
                    """)

            @Option(name: .customLong("name"), help: "The user's unique name.")
            var name: String

            @Option(name: .customLong("quota"), help: "How many tokens the user may use in total.")
            var quota: Int64

            func validate() throws {
                if name.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--name must not be empty") }
                if quota < 0 { throw ValidationError("--quota must be zero or more") }
            }

            func run() async throws {
                let pool = APIGatewayCommand.pool()
                defer { pool.close() }
                do {
                    print(try await UserAdmin(pool: pool).create(name: name, quota: quota))
                } catch {
                    throw APIGatewayCommand.fail("\(error)")
                }
            }
        }

        struct Show: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Print a user's quota, usage and requests by status as JSON.",
                discussion: "Exit status 1 when there is no such user or the database cannot be reached.")

            @Argument(help: "The user's name.")
            var name: String

            func run() async throws {
                let pool = APIGatewayCommand.pool()
                defer { pool.close() }
                do {
                    let usage = try await UserAdmin(pool: pool).usage(name: name)
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.sortedKeys]
                    print(String(decoding: try encoder.encode(usage), as: UTF8.self))
                } catch {
                    throw APIGatewayCommand.fail("\(error)")
                }
            }
        }
    }
}
