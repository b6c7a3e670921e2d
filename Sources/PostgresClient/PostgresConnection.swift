import CLibPQ
import Foundation

/// One libpq connection. Every call blocks the calling thread until the server answers, so a
/// connection is used from one dedicated thread only (see `PostgresPool`); it is deliberately
/// not `Sendable`.
public final class PostgresConnection {
    private let raw: OpaquePointer
    /// `host:port/db as user`, for error messages (never the password).
    public let endpoint: String

    /// Opens a connection from a DSN: a URL (`postgres://user:pass@host:port/db?sslmode=disable`)
    /// or key=value conninfo (`host=... port=... dbname=... user=... password=...`).
    /// `connect_timeout` defaults to 10 seconds unless the DSN sets it.
    /// - Throws: `PostgresError` with code `.connectionFailed`, naming the server and libpq's reason.
    public init(dsn: String, connectTimeout: Int = 10) throws(PostgresError) {
        // The expanded `dbname` entry overrides the keywords before it, so a DSN that sets
        // connect_timeout or application_name wins over these defaults.
        let keywords = ["connect_timeout", "fallback_application_name", "dbname"]
        let values = [String(connectTimeout), "sluice", dsn]
        let conn: OpaquePointer? = PostgresConnection.withCStrings(keywords) { k in
            PostgresConnection.withCStrings(values) { v in PQconnectdbParams(k, v, 1) }
        }
        guard let conn else { throw PostgresError(.connectionFailed, "libpq could not allocate a connection") }
        let endpoint = PostgresConnection.describe(conn)
        if PQstatus(conn) != CONNECTION_OK {
            let reason = PostgresConnection.clean(String(cString: PQerrorMessage(conn)))
            PQfinish(conn)
            throw PostgresError(.connectionFailed, "cannot connect to PostgreSQL at \(endpoint): \(reason)")
        }
        clibpq_silence_notices(conn)
        // Decoding reads dates as ISO text and strings as UTF-8; make sure the session agrees.
        if let style = PQparameterStatus(conn, "DateStyle"), !String(cString: style).hasPrefix("ISO") {
            PQclear(PQexec(conn, "SET DateStyle TO ISO"))
        }
        if let enc = PQparameterStatus(conn, "client_encoding"), String(cString: enc) != "UTF8" {
            _ = PQsetClientEncoding(conn, "UTF8")
        }
        self.raw = conn
        self.endpoint = endpoint
    }

    deinit { PQfinish(raw) }

    /// True while the connection is usable. Reads whatever the server sent meanwhile without
    /// blocking, so a connection the server closed (restart, idle timeout) shows up as broken.
    public var isHealthy: Bool {
        guard PQstatus(raw) == CONNECTION_OK else { return false }
        // A server that shut down sends a FATAL message and then closes: the first read takes
        // the message, a second one sees the end of the stream. On a live connection both reads
        // find nothing and return at once (libpq's socket is non-blocking).
        for _ in 0..<2 where PQconsumeInput(raw) != 1 { return false }
        return PQstatus(raw) == CONNECTION_OK
    }

    /// True when the connection is inside a transaction block (or a failed one).
    public var inTransaction: Bool {
        let s = PQtransactionStatus(raw)
        return s == PQTRANS_INTRANS || s == PQTRANS_INERROR || s == PQTRANS_ACTIVE
    }

    /// Runs one statement with its parameters bound (`$1`, `$2`, ...), text-format results.
    /// - Throws: `PostgresError`: `.statementFailed` with the SQLSTATE, `.connectionLost` when
    ///   the connection broke, `.invalidParameter` for text holding a NUL character.
    public func query(_ sql: String, _ params: [PostgresParam?] = []) throws(PostgresError) -> PostgresResult {
        var values: [UnsafeMutablePointer<CChar>?] = []
        var lengths: [Int32] = []
        var formats: [Int32] = []
        values.reserveCapacity(params.count)
        defer { for v in values { free(v) } }
        for (i, p) in params.enumerated() {
            switch p {
            case nil:
                values.append(nil)
                lengths.append(0)
                formats.append(0)
            case .text(let s):
                // Text parameters travel as C strings: a NUL would silently cut the value.
                if s.utf8.contains(0) {
                    throw PostgresError(
                        .invalidParameter,
                        "parameter $\(i + 1) contains a NUL character, which PostgreSQL text cannot hold",
                        statement: PostgresError.excerpt(sql))
                }
                values.append(strdup(s))
                lengths.append(0)
                formats.append(0)
            case .binary(let b):
                let buffer = malloc(max(b.count, 1))?.assumingMemoryBound(to: CChar.self)
                b.withUnsafeBytes { src in
                    if let buffer, let base = src.baseAddress { memcpy(buffer, base, b.count) }
                }
                values.append(buffer)
                lengths.append(Int32(b.count))
                formats.append(1)
            }
        }
        let result: OpaquePointer? = values.withUnsafeBufferPointer { vp in
            vp.withMemoryRebound(to: UnsafePointer<CChar>?.self) { cvals in
                PQexecParams(
                    raw, sql, Int32(params.count), nil, cvals.baseAddress, lengths, formats, 0)
            }
        }
        return try consume(result, sql: sql)
    }

    /// Runs a script of one or more statements separated by semicolons, without parameters
    /// (init files, `BEGIN`/`COMMIT`). Returns the result of the last statement.
    public func execute(_ script: String) throws(PostgresError) -> PostgresResult {
        try consume(PQexec(raw, script), sql: script)
    }

    // MARK: - Results

    private func consume(_ result: OpaquePointer?, sql: String) throws(PostgresError) -> PostgresResult {
        guard let result else {
            let reason = PostgresConnection.clean(String(cString: PQerrorMessage(raw)))
            throw PostgresError(
                PQstatus(raw) == CONNECTION_BAD ? .connectionLost : .statementFailed,
                "PostgreSQL at \(endpoint): \(reason.isEmpty ? "no result" : reason)",
                statement: PostgresError.excerpt(sql))
        }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        switch status {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return PostgresConnection.decode(result)
        default:
            throw error(from: result, sql: sql)
        }
    }

    private func error(from result: OpaquePointer, sql: String) -> PostgresError {
        func field(_ code: Int32) -> String? {
            guard let p = PQresultErrorField(result, code) else { return nil }
            return String(cString: p)
        }
        let sqlState = field(clibpq_diag_sqlstate())
        var message =
            field(clibpq_diag_message_primary()) ?? PostgresConnection.clean(String(cString: PQresultErrorMessage(result)))
        if message.isEmpty { message = PostgresConnection.clean(String(cString: PQerrorMessage(raw))) }
        let lost = PQstatus(raw) == CONNECTION_BAD
        return PostgresError(
            lost && sqlState == nil ? .connectionLost : .statementFailed, message, sqlState: sqlState,
            detail: field(clibpq_diag_message_detail()), hint: field(clibpq_diag_message_hint()),
            statement: PostgresError.excerpt(sql))
    }

    private static func decode(_ result: OpaquePointer) -> PostgresResult {
        let nFields = Int(PQnfields(result))
        let nRows = Int(PQntuples(result))
        var columns: [PostgresResult.Column] = []
        columns.reserveCapacity(nFields)
        for c in 0..<nFields {
            let name = PQfname(result, Int32(c)).map { String(cString: $0) } ?? "?column?"
            columns.append(.init(name: name, typeOID: UInt32(PQftype(result, Int32(c)))))
        }
        var rows: [[PostgresValue]] = []
        rows.reserveCapacity(nRows)
        for r in 0..<nRows {
            var row: [PostgresValue] = []
            row.reserveCapacity(nFields)
            for c in 0..<nFields {
                if PQgetisnull(result, Int32(r), Int32(c)) == 1 {
                    row.append(.null)
                    continue
                }
                let len = Int(PQgetlength(result, Int32(r), Int32(c)))
                let text: String
                if let p = PQgetvalue(result, Int32(r), Int32(c)) {
                    text = p.withMemoryRebound(to: UInt8.self, capacity: len) {
                        String(decoding: UnsafeBufferPointer(start: $0, count: len), as: UTF8.self)
                    }
                } else {
                    text = ""
                }
                row.append(PostgresValue.decode(text: text, oid: columns[c].typeOID))
            }
            rows.append(row)
        }
        let tag = PQcmdStatus(result).map { String(cString: $0) } ?? ""
        var affected = 0
        if let p = PQcmdTuples(result) { affected = Int(String(cString: p)) ?? 0 }
        if affected == 0, nRows > 0 { affected = nRows }
        return PostgresResult(columns: columns, rows: rows, commandTag: tag, affectedRows: affected)
    }

    // MARK: - Helpers

    /// `host:port/db as user` for messages.
    private static func describe(_ conn: OpaquePointer) -> String {
        func s(_ p: UnsafeMutablePointer<CChar>?) -> String { p.map { String(cString: $0) } ?? "" }
        let host = s(PQhost(conn)), port = s(PQport(conn)), db = s(PQdb(conn)), user = s(PQuser(conn))
        var text = host.isEmpty ? "localhost" : host
        if !port.isEmpty { text += ":\(port)" }
        if !db.isEmpty { text += "/\(db)" }
        if !user.isEmpty { text += " as \(user)" }
        return text
    }

    /// libpq messages end in newlines and indent their second lines with tabs: one line.
    static func clean(_ message: String) -> String {
        message.split(whereSeparator: { $0 == "\n" || $0 == "\t" }).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// Calls `body` with a NULL-terminated array of C strings.
    private static func withCStrings<T>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> T) -> T {
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        pointers.append(nil)
        defer { for p in pointers { free(p) } }
        return pointers.withUnsafeMutableBufferPointer { buf in
            // The array always holds the terminating nil, so it has storage.
            buf.withMemoryRebound(to: UnsafePointer<CChar>?.self) { rebound in
                body(UnsafePointer(rebound.baseAddress.unsafelyUnwrapped))
            }
        }
    }
}
