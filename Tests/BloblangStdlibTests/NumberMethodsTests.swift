import Bloblang
import BloblangStdlib
import Testing

/// Edge cases of the number and coercion methods that the spec examples do not pin down:
/// result representations (integer or float), Go's exact floating-point results, and
/// error texts.
@Suite struct NumberMethodsTests {
    private func eval(_ expression: String, this: Value = .null) throws -> Value {
        let query = try Environment.standard.parseExpression(expression)
        return try query.eval(EvalContext(environment: .standard, this: this))
    }

    private func errorMessage(_ expression: String, this: Value = .null) -> String? {
        do {
            _ = try eval(expression, this: this)
            return nil
        } catch let error as RuntimeError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    private func isInt(_ v: Value, _ expected: Int64) -> Bool {
        if case .int(let i) = v { return i == expected }
        return false
    }

    private func isFloat(_ v: Value, _ expected: Double) -> Bool {
        if case .float(let f) = v { return f == expected || (f.isNaN && expected.isNaN) }
        return false
    }

    // MARK: - Rounding keeps integers where it can

    @Test(arguments: [
        ("3.7.floor()", Int64(3)), ("(-3.2).floor()", -4), ("3.2.ceil()", 4), ("(-0.1).ceil()", 0),
        ("2.5.round()", 3), ("(-2.5).round()", -3), ("7.floor()", 7), ("(-7).round()", -7),
    ])
    func roundingGivesIntegers(_ expression: String, _ expected: Int64) throws {
        let v = try eval(expression)
        #expect(isInt(v, expected), "\(expression) gave \(v)")
    }

    @Test func roundingBeyondInt64StaysFloat() throws {
        #expect(isFloat(try eval(#""1e300".number().round()"#), 1e300))
        #expect(isFloat(try eval("9223372036854775808.0.floor()"), 9_223_372_036_854_775_808))
        #expect(isInt(try eval("(-9223372036854775808.0).floor()"), .min))
    }

    @Test func roundingKeepsUnsigned() throws {
        let v = try eval(#""18446744073709551615".uint64().round()"#)
        guard case .uint(let u) = v else {
            Issue.record("expected an unsigned integer, got \(v)")
            return
        }
        #expect(u == .max)
    }

    // MARK: - Go's floating-point results

    @Test(arguments: [
        ("1000.log10()", 3.0), ("1000000000000000.log10()", 14.999999999999998), ("10.log()", 2.302585092994046),
        ("(45 * (pi() / 180)).sin()", 0.7071067811865475), ("(45 * (pi() / 180)).cos()", 0.7071067811865476),
        ("(45 * (pi() / 180)).tan()", 1.0), ("1.1.pow(10)", 2.593742460100002), ("10.pow(-2)", 0.01),
        ("2.pow(0.5)", 1.4142135623730951), ("0.log()", -Double.infinity),
    ])
    func goFloatingPoint(_ expression: String, _ expected: Double) throws {
        let v = try eval(expression)
        #expect(isFloat(v, expected), "\(expression) gave \(v)")
    }

    @Test func logOfNegativeIsNaN() throws {
        #expect(isFloat(try eval("(-1).log()"), .nan))
    }

    // MARK: - abs

    @Test func absKeepsRepresentation() throws {
        #expect(isInt(try eval("(-42).abs()"), 42))
        #expect(isFloat(try eval("(-2.5).abs()"), 2.5))
        guard case .uint(let u) = try eval("(-9223372036854775807 - 1).abs()") else {
            Issue.record("the minimum integer should become an unsigned maximum")
            return
        }
        #expect(u == UInt64(Int64.max))
    }

    @Test func absRejectsStrings() {
        #expect(errorMessage(#""5".abs()"#)?.hasSuffix(#"expected number or integer value, got string ("5")"#) == true)
    }

    // MARK: - Bitwise

    @Test func bitwiseTruncatesFloats() throws {
        #expect(isInt(try eval("12.9.bitwise_and(6)"), 4))
        #expect(isInt(try eval("12.bitwise_or(3)"), 15))
        #expect(isInt(try eval("(-1).bitwise_xor(1)"), -2))
    }

    // MARK: - Sized integers

    @Test(arguments: [
        ("2147483648.int32()", "value is too large to be cast as a 32-bit signed integer"),
        ("(-2147483649).int32()", "value is too small to be cast as a 32-bit signed integer"),
        ("128.int8()", "value is too large to be cast as an 8-bit signed integer"),
        ("(-32769).int16()", "value is too small to be cast as a 16-bit signed integer"),
        ("4294967296.uint32()", "value is too large to be cast as a 32-bit unsigned integer"),
        ("256.uint8()", "value is too large to be cast as an 8-bit unsigned integer"),
        ("(-1).uint16()", "signed integer value is negative and cannot be cast as an unsigned integer"),
        ("1.5.int64()", "float value contains decimals and therefore cannot be cast as a signed integer"),
    ])
    func sizedIntegerErrors(_ expression: String, _ message: String) {
        let actual = errorMessage(expression) ?? "no error"
        #expect(actual.hasSuffix(message) || actual.contains(message + ","), "\(expression): \(actual)")
    }

    @Test func sizedIntegersParseStrings() throws {
        #expect(isInt(try eval(#""0xDEAD".int32()"#), 57005))
        #expect(isInt(try eval(#""-0x80".int8()"#), -128))
        guard case .uint(let u) = try eval(#""0xFFFF".uint16()"#) else {
            Issue.record("uint16 should give an unsigned integer")
            return
        }
        #expect(u == 65535)
    }

    // MARK: - Floats

    @Test func float32PrintsLikeGo() throws {
        #expect(isFloat(try eval(#""6.674282313423543523453425345e-11".float32()"#), 6.674283e-11))
        guard case .string(let s) = try eval("3.14.float32().string()") else {
            Issue.record("string() should give a string")
            return
        }
        #expect(s == "3.14")
    }

    @Test func float64ParsesStrings() throws {
        #expect(isFloat(try eval(#""6.674282313423543523453425345e-11".float64()"#), 6.674282313423544e-11))
    }

    // MARK: - Coercion

    @Test func numberIsAlwaysFloat() throws {
        #expect(isFloat(try eval(#""42".number()"#), 42))
        #expect(isFloat(try eval("42.number()"), 42))
        #expect(isFloat(try eval(#""nope".number(5)"#), 5))
        #expect(errorMessage("true.number()") == "expected number value, got bool from bool literal (true)")
    }

    @Test func boolFallback() throws {
        guard case .bool(let b) = try eval(#""maybe".bool(true)"#) else {
            Issue.record("bool(true) should fall back to true")
            return
        }
        #expect(b)
        #expect(errorMessage(#""maybe".bool()"#) == #"expected bool value, got string from string literal ("maybe")"#)
    }

    @Test(arguments: [
        ("deleted().string()", "null"), ("null.string()", "null"), ("5.0.string()", "5"),
        (#"{"b":2,"a":[1,"x"]}.string()"#, #"{"a":[1,"x"],"b":2}"#), (#""1e21".number().string()"#, "1e+21"),
    ])
    func stringForms(_ expression: String, _ expected: String) throws {
        guard case .string(let s) = try eval(expression) else {
            Issue.record("\(expression) should give a string")
            return
        }
        #expect(s == expected)
    }

    @Test(arguments: [
        ("5.type()", "number"), ("5.5.type()", "number"), (#""a".type()"#, "string"),
        (#""a".bytes().type()"#, "bytes"), ("null.type()", "null"), ("[].type()", "array"),
        ("{}.type()", "object"), ("true.type()", "bool"), ("0.timestamp().type()", "timestamp"),
    ])
    func typeNames(_ expression: String, _ expected: String) throws {
        guard case .string(let s) = try eval(expression) else {
            Issue.record("\(expression) should give a string")
            return
        }
        #expect(s == expected)
    }

    @Test func notEmptyAndNotNull() {
        #expect(errorMessage(#""".not_empty()"#) == "string literal: string value is empty")
        #expect(
            errorMessage(#""x".bytes().not_empty()"#)?.hasPrefix("expected string, array or object value, got bytes")
                == true)
        #expect(errorMessage("null.not_null()") == "null literal: value is null")
        #expect(errorMessage("0.not_null()") == nil)
    }

    @Test func arrayWrapsScalars() throws {
        guard case .array(let a) = try eval("5.array()"), a.count == 1 else {
            Issue.record("array() should wrap a scalar")
            return
        }
        guard case .array(let b) = try eval("[1,2].array()"), b.count == 2 else {
            Issue.record("array() should keep an array")
            return
        }
    }
}
