import Bloblang
import PCRE2Regex

/// Helpers shared by the regular expression methods.
enum RegexpSupport {
    /// Compiles a Go-syntax pattern; a bad pattern becomes an argument error with Go's message
    /// (a parse error when the pattern is a literal).
    static func compile(_ pattern: String) throws(RuntimeError) -> PCRE2Pattern {
        do {
            return try PCRE2Pattern(pattern)
        } catch {
            throw RuntimeError(error.message, code: .badArgument)
        }
    }

    /// The object keys for a pattern's groups: the group name, or its number when unnamed
    /// (`"0"` is the whole match).
    static func groupKeys(_ re: PCRE2Pattern) -> [String] {
        re.captureNames.enumerated().map { i, name in name ?? String(i) }
    }

    /// The type error Benthos raises for a target that is neither a string nor bytes.
    static func badTarget(_ target: Value) -> RuntimeError {
        .type(expected: [.string], got: target)
    }

    /// An object from group keys and texts (`nil` texts become empty strings).
    static func object(_ keys: [String], _ texts: [String?]) -> Value {
        var object: [String: Value] = [:]
        for (key, text) in Swift.zip(keys, texts) { object[key] = .string(text ?? "") }
        return .object(object)
    }

    /// An object from group keys and byte ranges (unset groups become empty byte arrays).
    static func object(_ keys: [String], _ ranges: [Range<Int>?], in bytes: [UInt8]) -> Value {
        var object: [String: Value] = [:]
        for (key, range) in Swift.zip(keys, ranges) { object[key] = .bytes(range.map { Array(bytes[$0]) } ?? []) }
        return .object(object)
    }

    /// The text of `range` in `bytes`, as a string.
    static func text(_ bytes: [UInt8], _ range: Range<Int>?) -> String {
        guard let range, range.upperBound <= bytes.count else { return "" }
        return String(decoding: bytes[range], as: UTF8.self)
    }
}
