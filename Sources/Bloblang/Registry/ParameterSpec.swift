/// The type a parameter accepts. Arguments are checked against it before a body runs, at
/// parse time for literal arguments and at run time for the rest.
public enum ParameterKind: String, Sendable {
    case string
    case int = "integer"
    case float = "float"
    case bool
    case array
    case object
    case timestamp
    case any = "unknown"
    /// The argument is not evaluated before the call: the body runs it, usually once per
    /// element with `this` (or a lambda parameter) bound to that element.
    case query = "query expression"
}

/// One named, typed parameter of a function or method.
public struct ParameterSpec: Sendable {
    public var name: String
    public var kind: ParameterKind
    public var summary: String
    /// The value used when the argument is left out. `nil` makes the parameter required,
    /// unless `isOptional` is set.
    public var defaultValue: Value?
    /// An optional parameter without a default: when left out, the body sees `.nothing`.
    public var isOptional: Bool
    /// The last parameter may take any number of arguments (zero or more); the body sees one
    /// value per argument given, after the other parameters.
    public var isVariadic = false

    public init(_ name: String, _ kind: ParameterKind, _ summary: String, default defaultValue: Value? = nil) {
        self.name = name
        self.kind = kind
        self.summary = summary
        self.defaultValue = defaultValue
        self.isOptional = false
    }

    /// True when the argument may be left out.
    public var canBeOmitted: Bool { isOptional || defaultValue != nil }

    /// Returns a copy that may be left out with no default.
    public func optional() -> ParameterSpec {
        var copy = self
        copy.isOptional = true
        return copy
    }

    public static func string(_ name: String, _ summary: String, default d: String? = nil) -> ParameterSpec {
        ParameterSpec(name, .string, summary, default: d.map(Value.string))
    }
    public static func int(_ name: String, _ summary: String, default d: Int64? = nil) -> ParameterSpec {
        ParameterSpec(name, .int, summary, default: d.map(Value.int))
    }
    public static func float(_ name: String, _ summary: String, default d: Double? = nil) -> ParameterSpec {
        ParameterSpec(name, .float, summary, default: d.map(Value.float))
    }
    public static func bool(_ name: String, _ summary: String, default d: Bool? = nil) -> ParameterSpec {
        ParameterSpec(name, .bool, summary, default: d.map(Value.bool))
    }
    public static func any(_ name: String, _ summary: String, default d: Value? = nil) -> ParameterSpec {
        ParameterSpec(name, .any, summary, default: d)
    }
    public static func array(_ name: String, _ summary: String) -> ParameterSpec {
        ParameterSpec(name, .array, summary)
    }
    public static func object(_ name: String, _ summary: String) -> ParameterSpec {
        ParameterSpec(name, .object, summary)
    }
    public static func query(_ name: String, _ summary: String) -> ParameterSpec {
        ParameterSpec(name, .query, summary)
    }
    /// A last parameter taking any number of arguments.
    public static func variadic(_ name: String, _ kind: ParameterKind, _ summary: String) -> ParameterSpec {
        var p = ParameterSpec(name, kind, summary)
        p.isVariadic = true
        p.isOptional = true
        return p
    }
}

extension ParameterSpec {
    /// Checks and normalises one argument value: integers for `.int`, floats for `.float`.
    /// The error text follows Benthos (`wrong argument type, expected string, got number`).
    public func check(_ value: Value) throws(RuntimeError) -> Value {
        switch kind {
        case .any, .query:
            return value
        case .string:
            switch value {
            case .string: return value
            case .bytes(let b): return .string(String(decoding: b, as: UTF8.self))
            default: throw RuntimeError("wrong argument type, expected string, got \(value.type.rawValue)", code: .badArgument)
            }
        case .int:
            switch value {
            case .int: return value
            case .uint, .float: return .int(try value.getInt())
            default: throw .type(expected: [.number], got: value)
            }
        case .float:
            switch value {
            case .float: return value
            case .int, .uint: return .float(try value.getNumber())
            default: throw .type(expected: [.number], got: value)
            }
        case .bool:
            if case .bool = value { return value }
            throw RuntimeError("wrong argument type, expected bool, got \(value.type.rawValue)", code: .badArgument)
        case .array:
            if case .array = value { return value }
            throw RuntimeError("wrong argument type, expected array, got \(value.type.rawValue)", code: .badArgument)
        case .object:
            if case .object = value { return value }
            throw RuntimeError("wrong argument type, expected object, got \(value.type.rawValue)", code: .badArgument)
        case .timestamp:
            return .timestamp(try value.getTimestamp())
        }
    }
}
