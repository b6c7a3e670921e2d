/// Parses JSON text into values, accepting and refusing exactly what Go's `encoding/json`
/// does and wording errors as it does (`invalid character 'h' looking for beginning of value`).
///
/// Integers that fit 64 bits become `.int` and every other number `.float`, as Benthos does
/// with `json.Number`. Strings keep Go's repairs: invalid UTF-8 bytes and unpaired surrogate
/// escapes become U+FFFD. A later duplicate key replaces an earlier one. Nesting deeper than
/// ``maxDepth`` is an error, never a stack overflow: the parser keeps its own stack.
public enum JSONReader {
    /// How numbers are represented.
    public enum Numbers: Sendable {
        /// Integers that fit `Int64` as `.int`, every other number as `.float` (Benthos's
        /// `UseNumber` documents).
        case integersWhenExact
        /// Every number as `.float`, as Go's decoder does without `UseNumber` (`parse_json()`).
        case allFloats
    }

    /// The deepest nesting of arrays and objects accepted (Go's limit).
    public static let maxDepth = 10_000

    // MARK: - Whole documents (`json.Unmarshal`)

    /// Parses a whole JSON document; anything but whitespace after the value is an error.
    /// - Throws: `RuntimeError` worded as Go's `json.Unmarshal` errors.
    public static func parse(_ bytes: [UInt8], numbers: Numbers = .integersWhenExact) throws(RuntimeError) -> Value {
        try bytes.withUnsafeBufferPointer { run($0, numbers: numbers, stream: false) }.get().value
    }

    /// Parses a whole JSON document from a slice of bytes.
    public static func parse(
        _ bytes: ArraySlice<UInt8>, numbers: Numbers = .integersWhenExact
    ) throws(RuntimeError)
        -> Value
    {
        try bytes.withUnsafeBufferPointer { run($0, numbers: numbers, stream: false) }.get().value
    }

    /// Parses a whole JSON document from raw memory.
    public static func parse(
        _ buffer: UnsafeRawBufferPointer, numbers: Numbers = .integersWhenExact
    )
        throws(RuntimeError) -> Value
    {
        try run(buffer.bindMemory(to: UInt8.self), numbers: numbers, stream: false).get().value
    }

    /// Parses a whole JSON document from a string.
    public static func parse(_ text: String, numbers: Numbers = .integersWhenExact) throws(RuntimeError) -> Value {
        var text = text
        return try text.withUTF8 { run($0, numbers: numbers, stream: false) }.get().value
    }

    // MARK: - First value of a stream (`json.Decoder.Decode`)

    /// Reads the first JSON value and ignores whatever follows it, as Go's `json.Decoder` does
    /// (`parse_json()` in Benthos). Errors read `EOF` for empty input and `unexpected EOF` for
    /// a cut-off value.
    /// - Returns: the value and the offset just past it.
    public static func decodeFirst(
        _ bytes: [UInt8], numbers: Numbers = .integersWhenExact
    ) throws(RuntimeError)
        -> (value: Value, end: Int)
    {
        try bytes.withUnsafeBufferPointer { run($0, numbers: numbers, stream: true) }.get()
    }

    /// Reads the first JSON value of a string, as Go's `json.Decoder` does.
    public static func decodeFirst(
        _ text: String, numbers: Numbers = .integersWhenExact
    ) throws(RuntimeError)
        -> (value: Value, end: Int)
    {
        var text = text
        return try text.withUTF8 { run($0, numbers: numbers, stream: true) }.get()
    }

    /// Reads the first JSON value from raw memory, as Go's `json.Decoder` does.
    public static func decodeFirst(
        _ buffer: UnsafeRawBufferPointer, numbers: Numbers = .integersWhenExact
    )
        throws(RuntimeError) -> (value: Value, end: Int)
    {
        try run(buffer.bindMemory(to: UInt8.self), numbers: numbers, stream: true).get()
    }

    static func run(
        _ buffer: UnsafeBufferPointer<UInt8>, numbers: Numbers, stream: Bool
    ) -> Result<
        (value: Value, end: Int), RuntimeError
    > {
        guard let base = buffer.baseAddress, buffer.count > 0 else {
            return .failure(RuntimeError(stream ? "EOF" : "unexpected end of JSON input"))
        }
        var parser = JSONParser(base: base, count: buffer.count, numbers: numbers, stream: stream)
        guard let value = parser.parseDocument() else {
            return .failure(parser.failure ?? RuntimeError("unexpected end of JSON input"))
        }
        return .success((value, parser.pos))
    }
}
