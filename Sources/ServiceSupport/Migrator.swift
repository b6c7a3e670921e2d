import Foundation
import PostgresClient

/// Applies `migrations/*.sql` to PostgreSQL: each file once, in file-name order, recorded in
/// `schema_migrations`.
///
/// All pending files run in one transaction under an advisory lock, so that gateways
/// starting together do not race (the second waits, then finds nothing to do) and a file
/// that fails leaves the schema as it was.
public struct Migrator: Sendable {
    /// The folder of the `.sql` files.
    public let directory: String

    /// Any fixed number; it names the lock the migrating sessions take.
    static let lockKey = 5_118_422_031

    /// A migrator for the files of `directory`.
    public init(directory: String) {
        self.directory = directory
    }

    /// One migration file.
    public struct Migration: Sendable, Equatable {
        /// The file name, which is also its version in `schema_migrations`.
        public var version: String
        public var sql: String
    }

    /// Errors that are not PostgreSQL's.
    public struct MigrationError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The migration files, sorted by name.
    /// - Throws: `MigrationError` when the folder or a file cannot be read.
    public func migrations() throws -> [Migration] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw MigrationError(description: "cannot read the migrations folder \(directory): \(error.localizedDescription)")
        }
        return try names.filter { $0.hasSuffix(".sql") && !$0.hasPrefix(".") }.sorted().map { name in
            let path = (directory as NSString).appendingPathComponent(name)
            guard let sql = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw MigrationError(description: "cannot read the migration \(path) as UTF-8 text")
            }
            return Migration(version: name, sql: sql)
        }
    }

    /// Applies the files not yet recorded.
    /// - Returns: the versions applied now (empty when the schema was up to date).
    /// - Throws: `MigrationError`, or `PostgresError` naming the failing statement (nothing
    ///   of this run is kept then).
    public func migrate(_ pool: PostgresPool) async throws -> [String] {
        let all = try migrations()
        return try await pool.transaction { conn in
            _ = try conn.query("SELECT pg_advisory_xact_lock($1::bigint)", [.text(String(Self.lockKey))])
            _ = try conn.execute(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    text        PRIMARY KEY,
                    checksum   text        NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """)
            let done = Set(
                try conn.query("SELECT version FROM schema_migrations").rows.compactMap { row -> String? in
                    if case .text(let v) = row.first { return v }
                    return nil
                })
            var applied: [String] = []
            for m in all where !done.contains(m.version) {
                do {
                    _ = try conn.execute(m.sql)
                } catch {
                    throw MigrationError(description: "migration \(m.version) failed: \(error)")
                }
                _ = try conn.query(
                    "INSERT INTO schema_migrations (version, checksum) VALUES ($1, encode(sha256(convert_to($2, 'UTF8')), 'hex'))",
                    [.text(m.version), .text(m.sql)])
                applied.append(m.version)
            }
            return applied
        }
    }
}
