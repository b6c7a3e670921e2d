/// A Bloblang runtime value.
///
/// Numbers keep the representation Benthos keeps: signed and unsigned 64-bit integers and
/// 64-bit floats. `delete` and `nothing` are the sentinels returned by `deleted()` and
/// `nothing()`; they never appear inside documents that reach an output.
public enum Value: Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case float(Double)
    case string(String)
    case bytes([UInt8])
    case array([Value])
    case object([String: Value])
    case timestamp(Timestamp)
    case delete
    case nothing
}

/// The user-facing type of a value, as reported by `.type()` and in error messages.
public enum ValueType: String, Sendable, CaseIterable {
    case null, bool, number, string, bytes, array, object, timestamp
    case delete, nothing
}

extension Value {
    /// The user-facing type of this value.
    @inlinable public var type: ValueType {
        switch self {
        case .null: .null
        case .bool: .bool
        case .int, .uint, .float: .number
        case .string: .string
        case .bytes: .bytes
        case .array: .array
        case .object: .object
        case .timestamp: .timestamp
        case .delete: .delete
        case .nothing: .nothing
        }
    }

    /// True for `null` and for the `delete`/`nothing` sentinels, which `|` and `.or()` treat as null.
    @inlinable public var isNullLike: Bool {
        switch self {
        case .null, .delete, .nothing: true
        default: false
        }
    }

    /// True for the `delete` and `nothing` sentinels.
    @inlinable public var isSentinel: Bool {
        switch self {
        case .delete, .nothing: true
        default: false
        }
    }
}

extension Value: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByNilLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .float(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(nilLiteral: ()) { self = .null }
    public init(arrayLiteral elements: Value...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, Value)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
