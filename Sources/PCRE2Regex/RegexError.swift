/// A pattern that could not be compiled.
///
/// The rendered message follows Go's `regexp` package, which Benthos uses, so that a bad pattern
/// reads the same in both: ``error parsing regexp: invalid escape sequence: `\1` ``.
public struct RegexError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Why the pattern was rejected. The raw values are Go's error code texts.
    public struct Code: RawRepresentable, Hashable, Sendable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        public static let invalidCharClass = Code(rawValue: "invalid character class")
        public static let invalidCharRange = Code(rawValue: "invalid character class range")
        public static let invalidEscape = Code(rawValue: "invalid escape sequence")
        public static let invalidNamedCapture = Code(rawValue: "invalid named capture")
        public static let invalidPerlOp = Code(rawValue: "invalid or unsupported Perl syntax")
        public static let invalidRepeatOp = Code(rawValue: "invalid nested repetition operator")
        public static let invalidRepeatSize = Code(rawValue: "invalid repeat count")
        public static let missingBracket = Code(rawValue: "missing closing ]")
        public static let missingParen = Code(rawValue: "missing closing )")
        public static let missingRepeatArgument = Code(rawValue: "missing argument to repetition operator")
        public static let trailingBackslash = Code(rawValue: "trailing backslash at end of expression")
        public static let unexpectedParen = Code(rawValue: "unexpected )")
        public static let nestingDepth = Code(rawValue: "expression nests too deeply")
        /// PCRE2 refused a pattern that passed the syntax check; the message is PCRE2's.
        public static let engine = Code(rawValue: "engine error")
    }

    public var code: Code
    /// The part of the pattern at fault (Go's `Expr`).
    public var expression: String
    /// PCRE2's own message, for `.engine` errors.
    public var detail: String?

    public init(_ code: Code, _ expression: String, detail: String? = nil) {
        self.code = code
        self.expression = expression
        self.detail = detail
    }

    /// The full message, worded as Go's `regexp.Compile` error.
    public var message: String {
        "error parsing regexp: \(detail ?? code.rawValue): `\(expression)`"
    }

    public var description: String { message }
}
