import Bloblang

/// One message flowing through a pipeline: raw bytes and/or a structured value (each made
/// from the other only when asked for), metadata, and the error flag processors set.
public struct Message: Sendable {
    enum Body: Sendable {
        case bytes([UInt8])
        case structured(Value)
        case both([UInt8], Value)
    }

    var body: Body
    /// Metadata: string values from most inputs, any value when a mapping sets one.
    public var metadata: [String: Value]
    /// Set when a processor failed on this message (`error()` reads it); `nil` otherwise.
    public var error: String?

    /// A message from raw bytes.
    public init(content: [UInt8], metadata: [String: Value] = [:]) {
        self.body = .bytes(content)
        self.metadata = metadata
    }

    /// A message from a string's UTF-8 bytes.
    public init(_ text: String, metadata: [String: Value] = [:]) {
        self.init(content: Array(text.utf8), metadata: metadata)
    }

    /// A message from a structured value (serialised to JSON only when bytes are needed).
    public init(structured value: Value, metadata: [String: Value] = [:]) {
        self.body = .structured(value)
        self.metadata = metadata
    }

    /// The raw content: the bytes as given, or the structured value as compact JSON.
    public var content: [UInt8] {
        switch body {
        case .bytes(let b), .both(let b, _): return b
        case .structured(let v):
            switch v {
            case .string(let s): return Array(s.utf8)
            case .bytes(let b): return b
            default: return JSONWriter.compact(v, escapeHTML: false)
            }
        }
    }

    /// Appends the raw content (see ``content``) to `out`, without the intermediate array.
    public func appendContent(to out: inout [UInt8]) {
        switch body {
        case .bytes(let b), .both(let b, _): out.append(contentsOf: b)
        case .structured(let v):
            switch v {
            case .string(let s): out.append(contentsOf: s.utf8)
            case .bytes(let b): out.append(contentsOf: b)
            default: JSONWriter.append(v, to: &out, escapeHTML: false)
            }
        }
    }

    /// The content as a string.
    public var text: String { String(decoding: content, as: UTF8.self) }

    /// The structured value, parsing the bytes as JSON the first time.
    /// - Throws: `RuntimeError` when the bytes are not JSON.
    public mutating func structured() throws(RuntimeError) -> Value {
        switch body {
        case .structured(let v), .both(_, let v): return v
        case .bytes(let b):
            let v = try JSONReader.parse(b)
            body = .both(b, v)
            return v
        }
    }

    /// The structured value if it can be had, without changing the message.
    public func peekStructured() -> Value? {
        switch body {
        case .structured(let v), .both(_, let v): return v
        case .bytes(let b): return try? JSONReader.parse(b)
        }
    }

    /// Replaces the content with raw bytes.
    public mutating func setContent(_ bytes: [UInt8]) { body = .bytes(bytes) }

    /// Replaces the content with a structured value.
    public mutating func setStructured(_ value: Value) { body = .structured(value) }

    /// True when the message carries an error flag.
    public var isErrored: Bool { error != nil }
}

/// An ordered group of messages processed and acknowledged together.
public typealias Batch = [Message]

extension Array where Element == Message {
    /// The batch with every message flagged with `reason` (a processor that failed as a whole).
    public func flagged(_ reason: String) -> Batch {
        map { m in
            var m = m
            m.error = reason
            return m
        }
    }
}
