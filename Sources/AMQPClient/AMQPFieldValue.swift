/// A value in an AMQP field table (message headers, queue arguments).
public enum AMQPFieldValue: Sendable, Equatable {
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case bytes([UInt8])
    /// Seconds since the Unix epoch.
    case timestamp(UInt64)
    case decimal(scale: UInt8, value: UInt32)
    case table([String: AMQPFieldValue])
    case array([AMQPFieldValue])
    case void

    /// The value as text, for metadata: strings as they are, numbers in decimal.
    public var text: String {
        switch self {
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        case .string(let s): return s
        case .bytes(let b): return String(decoding: b, as: UTF8.self)
        case .timestamp(let t): return String(t)
        case .decimal(let scale, let value):
            var digits = String(value)
            if scale == 0 { return digits }
            while digits.count <= Int(scale) { digits = "0" + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -Int(scale)))
            return digits
        case .table(let t): return "{" + t.keys.sorted().map { "\($0): \(t[$0]?.text ?? "")" }.joined(separator: ", ") + "}"
        case .array(let a): return "[" + a.map(\.text).joined(separator: ", ") + "]"
        case .void: return ""
        }
    }
}

/// Message properties (the basic class content header). Nil fields are not sent.
public struct AMQPProperties: Sendable, Equatable {
    public var contentType: String?
    public var contentEncoding: String?
    public var headers: [String: AMQPFieldValue] = [:]
    /// 1 transient, 2 persistent.
    public var deliveryMode: UInt8?
    public var priority: UInt8?
    public var correlationID: String?
    public var replyTo: String?
    public var expiration: String?
    public var messageID: String?
    /// Seconds since the Unix epoch.
    public var timestamp: UInt64?
    public var type: String?
    public var userID: String?
    public var appID: String?

    public init() {}
}

/// A message received from a queue.
public struct AMQPDelivery: Sendable {
    /// Identifies the delivery for ack/nack on the connection that received it.
    public var deliveryTag: UInt64
    public var redelivered: Bool
    public var consumerTag: String
    public var exchange: String
    public var routingKey: String
    public var properties: AMQPProperties
    public var body: [UInt8]
}
