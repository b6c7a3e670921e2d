import Foundation

// MARK: - Getters that follow Benthos's `IGet*` rules (no parsing of strings)

extension Value {
    /// The value as a float if it is a number (`IGetNumber`).
    @inlinable public func getNumber() throws(RuntimeError) -> Double {
        switch self {
        case .int(let i): return Double(i)
        case .uint(let u): return Double(u)
        case .float(let f): return f
        default: throw .type(expected: [.number], got: self)
        }
    }

    /// The value as an integer if it is a number, truncating floats (`IGetInt`).
    @inlinable public func getInt() throws(RuntimeError) -> Int64 {
        switch self {
        case .int(let i): return i
        case .uint(let u): return Int64(truncatingIfNeeded: u)
        case .float(let f): return Int64(clampingFloat: f)
        default: throw .type(expected: [.number], got: self)
        }
    }

    /// The value as a bool; numbers count as true when non-zero (`IGetBool`).
    @inlinable public func getBool() throws(RuntimeError) -> Bool {
        switch self {
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .uint(let u): return u != 0
        case .float(let f): return f != 0
        default: throw .type(expected: [.bool], got: self)
        }
    }

    /// The value as a string if it is a string, bytes or a timestamp (`IGetString`).
    @inlinable public func getString() throws(RuntimeError) -> String {
        switch self {
        case .string(let s): return s
        case .bytes(let b): return String(decoding: b, as: UTF8.self)
        case .timestamp(let t): return t.rfc3339Nano
        default: throw .type(expected: [.string], got: self)
        }
    }

    /// The value as bytes if it is a string, bytes or a timestamp (`IGetBytes`).
    @inlinable public func getBytes() throws(RuntimeError) -> [UInt8] {
        switch self {
        case .string(let s): return Array(s.utf8)
        case .bytes(let b): return b
        case .timestamp(let t): return Array(t.rfc3339Nano.utf8)
        default: throw .type(expected: [.bytes], got: self)
        }
    }

    /// The elements if this is an array.
    @inlinable public func getArray() throws(RuntimeError) -> [Value] {
        if case .array(let a) = self { return a }
        throw .type(expected: [.array], got: self)
    }

    /// The fields if this is an object.
    @inlinable public func getObject() throws(RuntimeError) -> [String: Value] {
        if case .object(let o) = self { return o }
        throw .type(expected: [.object], got: self)
    }

    /// The value as a timestamp: timestamps as they are, numbers as Unix seconds, and strings
    /// in RFC 3339 (`IGetTimestamp`).
    public func getTimestamp() throws(RuntimeError) -> Timestamp {
        switch self {
        case .timestamp(let t): return t
        case .int(let i): return Timestamp(seconds: i, zone: TimeZones.local)
        case .uint(let u): return Timestamp(seconds: Int64(truncatingIfNeeded: u), zone: TimeZones.local)
        case .float(let f):
            let whole = f.rounded(.towardZero)
            return Timestamp(
                seconds: Int64(clampingFloat: whole), nanos: Int64(clampingFloat: (f - whole) * 1e9), zone: TimeZones.local)
        case .string, .bytes:
            return try Timestamp.parseRFC3339(try getString())
        default: throw .type(expected: [.number, .string], got: self)
        }
    }

    /// True when the value is a number of any representation.
    @inlinable public var isNumber: Bool {
        switch self {
        case .int, .uint, .float: true
        default: false
        }
    }
}

extension Int64 {
    /// Converts like Go's `int64(f)` on amd64 for in-range values and clamps the rest, so that
    /// no input can trap.
    @inlinable public init(clampingFloat f: Double) {
        if f.isNaN {
            self = Int64.min
        } else if f >= 9_223_372_036_854_775_807.0 {
            self = Int64.min  // Go/amd64 yields the "integer indefinite" value
        } else if f < -9_223_372_036_854_775_808.0 {
            self = Int64.min
        } else {
            self = Int64(f)
        }
    }
}

// MARK: - Conversions that parse strings (`IToNumber`, `IToInt`, ...)

extension Value {
    /// Converts to a float, parsing strings (`IToFloat64`).
    public func toFloat() throws(RuntimeError) -> Double {
        switch self {
        case .int, .uint, .float: return try getNumber()
        case .string, .bytes:
            let s = try getString()
            guard let f = GoNumberParsing.parseFloat(s) else {
                throw RuntimeError("strconv.ParseFloat: parsing \(GoStrconv.quote(s)): invalid syntax")
            }
            return f
        default: throw .type(expected: [.number], got: self)
        }
    }

    /// Converts to a signed integer, refusing lossy floats and parsing strings (`IToInt`).
    public func toInt() throws(RuntimeError) -> Int64 {
        switch self {
        case .int(let i): return i
        case .uint(let u):
            guard u <= UInt64(Int64.max) else {
                throw RuntimeError("unsigned integer value is too large to be cast as a signed integer")
            }
            return Int64(u)
        case .float(let f):
            if f.isInfinite { throw RuntimeError("cannot convert +/-INF to an integer") }
            if f.isNaN { throw RuntimeError("cannot convert NAN to an integer") }
            if f >= 9_223_372_036_854_775_807.0 {
                throw RuntimeError("float value is too large to be cast as a signed integer")
            }
            if f < -9_223_372_036_854_775_808.0 {
                throw RuntimeError("float value is too small to be cast as a signed integer")
            }
            if f != f.rounded(.towardZero) {
                throw RuntimeError(
                    "float value contains decimals and therefore cannot be cast as a signed integer, if you intend to round the value then call `.round()` explicitly before this cast"
                )
            }
            return Int64(f)
        case .string, .bytes:
            let s = try getString()
            switch GoNumberParsing.parseInt(s) {
            case .success(let i): return i
            case .failure(let e): throw RuntimeError("strconv.ParseInt: parsing \(GoStrconv.quote(s)): \(e.rawValue)")
            }
        default: throw .type(expected: [.number], got: self)
        }
    }

    /// Converts to an unsigned integer (`IToUint`).
    public func toUInt() throws(RuntimeError) -> UInt64 {
        switch self {
        case .uint(let u): return u
        case .int(let i):
            guard i >= 0 else {
                throw RuntimeError("signed integer value is negative and cannot be cast as an unsigned integer")
            }
            return UInt64(i)
        case .float(let f):
            if f < 0 {
                throw RuntimeError("float value is negative and cannot be cast as an unsigned integer")
            }
            if f.isInfinite { throw RuntimeError("cannot convert +/-INF to an unsigned integer") }
            if f.isNaN { throw RuntimeError("cannot convert NAN to an unsigned integer") }
            if f >= 18_446_744_073_709_551_615.0 {
                throw RuntimeError("float value is too large to be cast as an unsigned integer")
            }
            if f != f.rounded(.towardZero) {
                throw RuntimeError(
                    "float value contains decimals and therefore cannot be cast as an unsigned integer, if you intend to round the value then call `.round()` explicitly before this cast"
                )
            }
            return UInt64(f)
        case .string, .bytes:
            let s = try getString()
            switch GoNumberParsing.parseUInt(s) {
            case .success(let u): return u
            case .failure(let e): throw RuntimeError("strconv.ParseUint: parsing \(GoStrconv.quote(s)): \(e.rawValue)")
            }
        default: throw .type(expected: [.number], got: self)
        }
    }

    /// Converts to a bool, parsing `true`/`false`/`1`/`0`... in strings (`IToBool`).
    public func toBool() throws(RuntimeError) -> Bool {
        switch self {
        case .string, .bytes:
            let s = try getString()
            switch s {
            case "1", "t", "T", "true", "TRUE", "True": return true
            case "0", "f", "F", "false", "FALSE", "False": return false
            default: throw .type(expected: [.bool], got: self)
            }
        default:
            do { return try getBool() } catch { throw .type(expected: [.bool], got: self) }
        }
    }
}

// MARK: - Text forms

extension Value {
    /// The string form used by `.string()`, interpolation and string concatenation of
    /// non-strings (`IToString`): strings raw, numbers in Go's `%g`-shortest form, and
    /// structured values as compact JSON.
    public var plainString: String {
        switch self {
        case .string(let s): s
        case .bytes(let b): String(decoding: b, as: UTF8.self)
        case .int(let i): String(i)
        case .uint(let u): String(u)
        case .float(let f): GoFloatFormat.shortestG(f)
        case .bool(let b): b ? "true" : "false"
        case .null: "null"
        case .timestamp(let t): t.rfc3339Nano
        case .array, .object, .delete, .nothing: String(decoding: JSONWriter.compact(self), as: UTF8.self)
        }
    }

    /// The bytes form of a value (`IToBytes`).
    public var plainBytes: [UInt8] {
        switch self {
        case .bytes(let b): b
        case .string(let s): Array(s.utf8)
        case .array, .object: JSONWriter.compact(self)
        default: Array(plainString.utf8)
        }
    }
}

// MARK: - Equality (Benthos `ICompare`)

extension Value {
    /// Benthos equality: numbers compare by value across representations, strings compare
    /// with bytes, a bool on the left accepts a number on the right, and arrays and objects
    /// compare structurally.
    public func looselyEquals(_ other: Value) -> Bool {
        switch self {
        case .null: if case .null = other { return true } else { return false }
        case .string(let l):
            switch other {
            case .string(let r): return l == r
            case .bytes, .timestamp: return (try? other.getString()) == l
            default: return false
            }
        case .bytes(let l):
            switch other {
            case .bytes(let r): return l == r
            case .string(let r): return l.elementsEqual(r.utf8)
            case .timestamp(let t): return l.elementsEqual(t.rfc3339Nano.utf8)
            default: return false
            }
        case .timestamp(let t):
            guard let r = try? other.getString() else { return false }
            return t.rfc3339Nano == r
        case .int(let l):
            switch other {
            case .int(let r): return l == r
            case .uint, .float: return Double(l) == (try? other.getNumber())
            default: return false
            }
        case .uint, .float:
            guard let r = try? other.getNumber() else { return false }
            return (try? getNumber()) == r
        case .bool(let l):
            guard let r = try? other.getBool() else { return false }
            return l == r
        case .array(let l):
            guard case .array(let r) = other, l.count == r.count else { return false }
            for i in l.indices where !l[i].looselyEquals(r[i]) { return false }
            return true
        case .object(let l):
            guard case .object(let r) = other, l.count == r.count else { return false }
            for (k, v) in l {
                guard let rv = r[k], v.looselyEquals(rv) else { return false }
            }
            return true
        case .delete, .nothing:
            return false
        }
    }
}

