/// One bound statement parameter (`$1`, `$2`, ...); `nil` in a parameter list binds NULL.
///
/// Parameters are always sent separately from the statement text, never spliced into it,
/// so their content cannot change the statement. The server infers each parameter's type
/// from where it is used.
public enum PostgresParam: Sendable, Hashable {
    /// The text form of a value (`42`, `true`, `2024-05-01T10:00:00Z`, JSON text...).
    case text(String)
    /// Raw bytes, sent in binary format (for `bytea` columns, or the UTF-8 of a `text` column).
    case binary([UInt8])
}

/// The outcome of one statement: the columns and rows it returned, or how many rows it changed.
public struct PostgresResult: Sendable {
    /// A result column: its name and type OID.
    public struct Column: Sendable, Hashable {
        public var name: String
        public var typeOID: UInt32
        /// Creates a column description.
        public init(name: String, typeOID: UInt32) {
            self.name = name
            self.typeOID = typeOID
        }
    }

    /// The columns, in order (empty for statements that return no rows).
    public var columns: [Column]
    /// The rows, each with one value per column.
    public var rows: [[PostgresValue]]
    /// The command tag (`INSERT 0 3`, `SELECT 2`, `UPDATE 1`).
    public var commandTag: String
    /// Rows changed by INSERT/UPDATE/DELETE (or returned by SELECT), from the command tag.
    public var affectedRows: Int

    /// Creates a result.
    public init(columns: [Column], rows: [[PostgresValue]], commandTag: String, affectedRows: Int) {
        self.columns = columns
        self.rows = rows
        self.commandTag = commandTag
        self.affectedRows = affectedRows
    }
}
