import Foundation

/// A failure talking to PostgreSQL: the connection could not be made or was lost, or the
/// server rejected a statement. Callers switch on `code` (and `sqlState`), never on the text.
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        let name: String
        /// The connection could not be opened (bad DSN, wrong password, server down, host unreachable).
        public static let connectionFailed = Code(name: "connection failed")
        /// An open connection broke (server restart, network failure, admin shutdown).
        public static let connectionLost = Code(name: "connection lost")
        /// The server rejected a statement; `sqlState` says why.
        public static let statementFailed = Code(name: "statement failed")
        /// A parameter cannot be sent (for example text with a NUL character).
        public static let invalidParameter = Code(name: "invalid parameter")
        /// The pool (or connection) was closed before the work could run.
        public static let closed = Code(name: "closed")
        public var description: String { name }
    }

    /// The kind of failure.
    public var code: Code
    /// The primary message (the server's, when it sent one).
    public var message: String
    /// The five-character SQLSTATE (`23505`, `42P01`, `08006`, `57P01`), when the server sent one.
    public var sqlState: String?
    /// The server's DETAIL line, if any.
    public var detail: String?
    /// The server's HINT line, if any.
    public var hint: String?
    /// The statement (shortened) that failed, for context.
    public var statement: String?

    /// Creates an error.
    public init(
        _ code: Code, _ message: String, sqlState: String? = nil, detail: String? = nil, hint: String? = nil,
        statement: String? = nil
    ) {
        self.code = code
        self.message = message
        self.sqlState = sqlState
        self.detail = detail
        self.hint = hint
        self.statement = statement
    }

    /// True when the connection is gone and a fresh one may succeed: a lost or refused
    /// connection, SQLSTATE class 08 (connection exception), 57P01-57P03 (the server is shutting
    /// down or starting up).
    public var isConnectionFailure: Bool {
        if code == .connectionLost || code == .connectionFailed { return true }
        guard let s = sqlState else { return false }
        return s.hasPrefix("08") || s == "57P01" || s == "57P02" || s == "57P03"
    }

    /// `message (SQLSTATE 42P01)`, then the detail and hint when present.
    public var description: String {
        var text = message
        if let sqlState { text += " (SQLSTATE \(sqlState))" }
        if let detail, !detail.isEmpty { text += "; detail: \(detail)" }
        if let hint, !hint.isEmpty { text += "; hint: \(hint)" }
        if let statement, !statement.isEmpty { text += "; statement: \(statement)" }
        return text
    }

    /// A statement cut to a readable length for error messages.
    static func excerpt(_ sql: String) -> String {
        let flat = sql.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(
            separator: " ")
        return flat.count > 120 ? String(flat.prefix(117)) + "..." : flat
    }
}
