import Bloblang

extension Value {
    /// The result of rounding a float: an integer when the whole number converts to a
    /// signed 64-bit integer, the float itself otherwise (too large, infinite or NaN).
    static func wholeNumber(_ f: Double) -> Value {
        if let i = try? Value.float(f).toInt() { return .int(i) }
        return .float(f)
    }

    /// Converts like `int64()` and checks that the result fits in a signed integer of `bits`
    /// bits, with Benthos's messages.
    func toSignedInteger(bits: Int) throws -> Int64 {
        let i = try toInt()
        guard bits < 64 else { return i }
        let maximum = (Int64(1) << (bits - 1)) - 1
        let size = bits == 8 ? "an 8-bit" : "a \(bits)-bit"
        if i > maximum { throw RuntimeError("value is too large to be cast as \(size) signed integer") }
        if i < -maximum - 1 { throw RuntimeError("value is too small to be cast as \(size) signed integer") }
        return i
    }

    /// Converts like `uint64()` and checks that the result fits in an unsigned integer of
    /// `bits` bits, with Benthos's messages.
    func toUnsignedInteger(bits: Int) throws -> UInt64 {
        let u = try toUInt()
        guard bits < 64 else { return u }
        let size = bits == 8 ? "an 8-bit" : "a \(bits)-bit"
        if u > (UInt64(1) << bits) - 1 {
            throw RuntimeError("value is too large to be cast as \(size) unsigned integer")
        }
        return u
    }

    /// Converts like `float64()`, then rounds to 32-bit precision.
    ///
    /// `Value` has no 32-bit float, and Go prints a `float32` with the shortest digits that
    /// identify it among 32-bit floats (`3.14`, not the `3.140000104904175` its 64-bit
    /// widening holds). The result is therefore the 64-bit float nearest to those digits,
    /// which prints the same way. Arithmetic on it can differ from Go in the last digits.
    func toFloat32() throws -> Double {
        let f: Float
        switch self {
        case .string, .bytes:
            let d = try toFloat()
            f = Float(d)
            if f.isInfinite, d.isFinite {
                throw RuntimeError("strconv.ParseFloat: parsing \(GoStrconv.quote(try getString())): value out of range")
            }
        default:
            f = Float(try toFloat())
        }
        guard f.isFinite else { return Double(f) }
        return Double(f.description) ?? Double(f)
    }

    /// The left-hand side of a bitwise method: any number, floats truncated.
    ///
    /// Benthos reports a non-number as `expected integer value`; `ValueType` has no integer
    /// type, so the error here says `number`.
    func bitwiseOperand() throws -> Int64 {
        do { return try getInt() } catch { throw RuntimeError.type(expected: [.number], got: self) }
    }
}

/// Runs the body of a method that Benthos registers through its plugin API rather than as
/// a built-in: those methods report errors without naming their target, so
/// `2147483648.int32()` fails with `value is too large ...` and no `number literal: `
/// prefix, and type errors carry no `from ...` part.
///
/// Every such method goes through here so that the marking lives in one place.
func pluginMethodBody(_ body: () throws -> Value) throws -> Value {
    do {
        return try body()
    } catch let error as RuntimeError {
        throw error.markedAnnotated()
    }
}
