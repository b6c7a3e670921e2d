/// An error raised while a mapping runs.
///
/// The rendered text follows Benthos's wording so that users who search for a Benthos error
/// find the same words: type errors read `expected number value, got string ("x")`, and an
/// error that passed through an expression gains that expression's annotation as a prefix
/// (`field `this.a`: ...`), once.
public struct RuntimeError: Error, Sendable, CustomStringConvertible, Equatable {
    /// A stable category that callers switch on instead of parsing messages.
    public struct Code: RawRepresentable, Hashable, Sendable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// A value had the wrong type for an operation.
        public static let typeError = Code(rawValue: "type")
        /// Two operands cannot be combined by an operator.
        public static let typeMismatch = Code(rawValue: "type-mismatch")
        /// A value was null where one was required.
        public static let nullValue = Code(rawValue: "null")
        /// Division or modulo by zero.
        public static let divideByZero = Code(rawValue: "divide-by-zero")
        /// A user-raised error (`throw`).
        public static let thrown = Code(rawValue: "thrown")
        /// An argument was missing or invalid.
        public static let badArgument = Code(rawValue: "argument")
        /// An assignment could not be applied to its target.
        public static let assignment = Code(rawValue: "assignment")
        /// Any other failure.
        public static let other = Code(rawValue: "other")
    }

    /// The details of a type error, kept apart so that the source annotation can be filled in later.
    public struct TypeInfo: Sendable, Equatable {
        public var expected: [ValueType]
        public var actual: ValueType
        public var preview: String
        public var from: String
    }

    public var code: Code
    /// The message without any `from` annotation prefix (rendered form for type errors).
    var text: String
    var typeInfo: TypeInfo?
    /// True once an expression annotation has been attached anywhere in the chain.
    var annotated: Bool = false
    /// True once a statement has added its `failed assignment (line N)` prefix.
    var isStatementFailure = false

    /// True when the error already names the expression it came from, so `from(_:)` leaves it
    /// alone.
    public var isAnnotated: Bool { annotated || code == .typeMismatch }

    /// A copy that `from(_:)` will not prefix again (for errors whose text already says where
    /// they came from).
    public func markedAnnotated() -> RuntimeError {
        var copy = self
        copy.annotated = true
        return copy
    }

    /// Creates an error with a plain message.
    public init(_ message: String, code: Code = .other) {
        self.code = code
        self.text = message
    }

    /// A type error: `expected <types> value, got <actual>` with a preview of the value.
    public static func type(expected: [ValueType], got value: Value, from: String = "") -> RuntimeError {
        var err = RuntimeError("", code: .typeError)
        err.typeInfo = TypeInfo(expected: expected, actual: value.type, preview: value.errorPreview, from: from)
        return err
    }

    /// An error that two operand types cannot be combined.
    public static func mismatch(
        _ operation: String, _ left: Value, from leftFrom: String, _ right: Value, from rightFrom: String
    ) -> RuntimeError {
        var err = RuntimeError(
            "cannot \(operation) types \(left.type.rawValue) (from \(leftFrom)) and \(right.type.rawValue) (from \(rightFrom))",
            code: .typeMismatch)
        err.annotated = true
        return err
    }

    /// The full message, as Benthos renders it.
    public var message: String {
        guard let info = typeInfo else { return text }
        var s = "expected "
        if info.expected.isEmpty {
            s = "unexpected value"
        } else {
            for (i, t) in info.expected.enumerated() {
                if i > 0 {
                    s += (info.expected.count > 2 && i < info.expected.count - 1) ? ", " : " or "
                }
                s += t.rawValue
            }
            s += " value"
        }
        s += ", got \(info.actual.rawValue)"
        if !info.from.isEmpty { s += " from \(info.from)" }
        if !info.preview.isEmpty { s += " (\(info.preview))" }
        return s
    }

    public var description: String { message }

    /// Attaches the annotation of the expression the error came from, as Benthos's `ErrFrom`
    /// does: a type error takes it as its `from`, and any other error is prefixed once.
    public func from(_ annotation: @autoclosure () -> String) -> RuntimeError {
        if code == .typeMismatch || annotated { return self }
        var copy = self
        if var info = typeInfo {
            if info.from.isEmpty {
                info.from = annotation()
                copy.typeInfo = info
            }
            return copy
        }
        copy.text = "\(annotation()): \(text)"
        copy.annotated = true
        return copy
    }

    /// Prefixes context (`failed assignment (line 1): ...`), keeping the code.
    public func wrapped(_ prefix: String) -> RuntimeError {
        var copy = self
        copy.text = "\(prefix): \(message)"
        copy.typeInfo = nil
        return copy
    }
}

extension Value {
    /// The short preview Benthos puts in type errors: strings quoted, numbers and bools
    /// printed, other types left out.
    public var errorPreview: String {
        switch self {
        case .string(let s): "\"\(s)\""
        case .bool(let b): b ? "true" : "false"
        case .int, .uint, .float: self.plainString
        default: ""
        }
    }
}
