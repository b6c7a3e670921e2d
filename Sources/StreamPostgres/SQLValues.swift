import Bloblang
import PostgresClient
import StreamRuntime

/// Conversions between Bloblang values and PostgreSQL parameters and rows.
enum SQLValues {
    /// A Bloblang value as a bound parameter: null → NULL, scalars as text, bytes as binary,
    /// arrays and objects as JSON text, timestamps as RFC 3339.
    static func param(_ value: Value) -> PostgresParam? {
        switch value {
        case .null, .nothing, .delete: return nil
        case .bool(let b): return .text(b ? "true" : "false")
        case .int(let i): return .text(String(i))
        case .uint(let u): return .text(String(u))
        case .float(let f):
            if f.isNaN { return .text("NaN") }
            if f.isInfinite { return .text(f < 0 ? "-Infinity" : "Infinity") }
            return .text(value.plainString)
        case .string(let s): return .text(s)
        case .bytes(let b): return .binary(b)
        case .timestamp(let t): return .text(t.rfc3339Nano)
        case .array, .object: return .text(JSONWriter.compactString(value, escapeHTML: false))
        }
    }

    /// A decoded column value as a Bloblang value (`json`/`jsonb` parsed; numerics too large
    /// for a Double exactly stay strings).
    static func value(_ v: PostgresValue) -> Value {
        switch v {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .double(let d): return .float(d)
        case .numeric(let s): return .string(s)
        case .text(let s): return .string(s)
        case .json(let s): return (try? JSONReader.parse(s)) ?? .string(s)
        case .timestamp(let s): return .string(s)
        case .bytes(let b): return .bytes(b)
        }
    }

    /// The rows of a result as an array of objects keyed by column name.
    static func rows(_ result: PostgresResult) -> Value {
        .array(result.rows.map { object(result.columns, $0) })
    }

    /// One row as an object keyed by column name.
    static func object(_ columns: [PostgresResult.Column], _ row: [PostgresValue]) -> Value {
        var o: [String: Value] = [:]
        o.reserveCapacity(columns.count)
        for (c, v) in zip(columns, row) { o[c.name] = value(v) }
        return .object(o)
    }
}
