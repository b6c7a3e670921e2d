/// One decoded column value of a result row.
///
/// Values are decoded from libpq's text format by the column's type OID:
///
/// | PostgreSQL type | value |
/// |---|---|
/// | `int2`, `int4`, `int8`, `oid` | `.int` |
/// | `float4`, `float8` | `.double` |
/// | `numeric` | `.int` when integral and within Int64; `.double` when it has at most 15 significant digits (so the decimal text survives the trip through a Double); `.numeric(text)` otherwise (and for `NaN`, `Infinity`) |
/// | `bool` | `.bool` |
/// | `json`, `jsonb` | `.json(text)` (the caller parses it) |
/// | `timestamptz` | `.timestamp` RFC 3339 with the session's offset (`2024-05-01T10:00:00.5+02:00`) |
/// | `timestamp`, `date` | `.timestamp` RFC 3339 read as UTC (`2024-05-01T10:00:00Z`, `2024-05-01T00:00:00Z`) |
/// | `bytea` | `.bytes` |
/// | anything else (`text`, `varchar`, `name`, `char`, `uuid`, arrays, `interval`, ...) | `.text` |
/// | NULL | `.null` |
public enum PostgresValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    /// A numeric that does not fit an Int64 or a Double exactly, as PostgreSQL printed it.
    case numeric(String)
    case text(String)
    /// The JSON text of a `json`/`jsonb` column.
    case json(String)
    /// An RFC 3339 timestamp; `infinity`/`-infinity` and BC dates keep PostgreSQL's text.
    case timestamp(String)
    case bytes([UInt8])
}

/// Type OIDs of the built-in types the decoder knows (from `pg_type.dat`).
public enum PostgresType {
    public static let bool: UInt32 = 16
    public static let bytea: UInt32 = 17
    public static let char: UInt32 = 18
    public static let name: UInt32 = 19
    public static let int8: UInt32 = 20
    public static let int2: UInt32 = 21
    public static let int4: UInt32 = 23
    public static let text: UInt32 = 25
    public static let oid: UInt32 = 26
    public static let json: UInt32 = 114
    public static let float4: UInt32 = 700
    public static let float8: UInt32 = 701
    public static let bpchar: UInt32 = 1042
    public static let varchar: UInt32 = 1043
    public static let date: UInt32 = 1082
    public static let timestamp: UInt32 = 1114
    public static let timestamptz: UInt32 = 1184
    public static let numeric: UInt32 = 1700
    public static let uuid: UInt32 = 2950
    public static let jsonb: UInt32 = 3802
}

extension PostgresValue {
    /// Decodes the text form of a value of type `oid`. The text must come from a session with
    /// `DateStyle = ISO` (the connection sets it).
    static func decode(text: String, oid: UInt32) -> PostgresValue {
        switch oid {
        case PostgresType.int2, PostgresType.int4, PostgresType.int8, PostgresType.oid:
            if let i = Int64(text) { return .int(i) }
            return .numeric(text)
        case PostgresType.float4, PostgresType.float8:
            switch text {
            case "NaN": return .double(.nan)
            case "Infinity": return .double(.infinity)
            case "-Infinity": return .double(-.infinity)
            default: return Double(text).map(PostgresValue.double) ?? .numeric(text)
            }
        case PostgresType.numeric:
            return decodeNumeric(text)
        case PostgresType.bool:
            return .bool(text == "t")
        case PostgresType.json, PostgresType.jsonb:
            return .json(text)
        case PostgresType.timestamptz:
            return .timestamp(rfc3339(text, assumeUTC: false))
        case PostgresType.timestamp:
            return .timestamp(rfc3339(text, assumeUTC: true))
        case PostgresType.date:
            if text.contains("infinity") || text.hasSuffix("BC") { return .timestamp(text) }
            return .timestamp(text + "T00:00:00Z")
        case PostgresType.bytea:
            return decodeBytea(text).map(PostgresValue.bytes) ?? .text(text)
        default:
            return .text(text)
        }
    }

    /// Integral numerics within Int64 become `.int`; others with at most 15 significant digits
    /// `.double` (any decimal of 15 digits survives decimal → Double → decimal); the rest stay text.
    static func decodeNumeric(_ text: String) -> PostgresValue {
        if let i = Int64(text) { return .int(i) }
        var digits = 0
        var leading = true
        var sawDot = false
        for c in text.utf8 {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if c == UInt8(ascii: "0"), leading { continue }
                leading = false
                digits += 1
            case UInt8(ascii: "."): sawDot = true
            case UInt8(ascii: "-"), UInt8(ascii: "+"): continue
            default: return .numeric(text)  // NaN, Infinity, exponents
            }
        }
        // Trailing zeros after the point carry no value.
        if sawDot {
            for c in text.utf8.reversed() {
                if c == UInt8(ascii: "0") { digits -= 1 } else { break }
            }
        }
        if digits <= 15, let d = Double(text) { return .double(d) }
        return .numeric(text)
    }

    /// `2024-05-01 10:00:00.5+02` → `2024-05-01T10:00:00.5+02:00`; `assumeUTC` appends `Z`.
    static func rfc3339(_ text: String, assumeUTC: Bool) -> String {
        if text.contains("infinity") || text.hasSuffix("BC") { return text }
        var s = Array(text.utf8)
        guard s.count >= 19, s[10] == UInt8(ascii: " ") else { return text }
        s[10] = UInt8(ascii: "T")
        if assumeUTC { return String(decoding: s, as: UTF8.self) + "Z" }
        // The offset starts at the last + or - after the time: ±HH, ±HH:MM or ±HH:MM:SS.
        guard let signIndex = s.lastIndex(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }), signIndex > 18
        else { return String(decoding: s, as: UTF8.self) }
        let offset = Array(s[(signIndex + 1)...])
        let head = String(decoding: s[..<signIndex], as: UTF8.self)
        let sign = s[signIndex] == UInt8(ascii: "+") ? "+" : "-"
        let parts = String(decoding: offset, as: UTF8.self).split(separator: ":")
        if parts.count == 1, parts[0] == "00", sign == "+" { return head + "Z" }
        switch parts.count {
        case 1: return head + sign + parts[0] + ":00"
        case 2: return head + sign + parts[0] + ":" + parts[1]
        // RFC 3339 has no seconds in offsets (historic zones have them): keep PostgreSQL's form.
        default: return head + sign + parts.joined(separator: ":")
        }
    }

    /// Decodes bytea's hex output (`\x0a0b`), the default since PostgreSQL 9.0.
    static func decodeBytea(_ text: String) -> [UInt8]? {
        let u = Array(text.utf8)
        guard u.count >= 2, u[0] == UInt8(ascii: "\\"), u[1] == UInt8(ascii: "x"), u.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity((u.count - 2) / 2)
        var i = 2
        while i < u.count {
            guard let hi = hex(u[i]), let lo = hex(u[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }

    private static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
