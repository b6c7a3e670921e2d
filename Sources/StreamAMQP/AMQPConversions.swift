import AMQPClient
import Bloblang
import Foundation
import StreamRuntime

/// Conversions between pipeline values and AMQP field values, and the config pieces both
/// AMQP components share.
enum AMQPConversions {
    /// Queue arguments RabbitMQ only accepts as integers; a quoted number in YAML is converted.
    static let integerArguments: Set<String> = [
        "x-message-ttl", "x-expires", "x-max-length", "x-max-length-bytes", "x-max-priority", "x-delivery-limit",
    ]

    /// A config or metadata value as an AMQP field value.
    static func field(_ value: Value) -> AMQPFieldValue {
        switch value {
        case .null, .delete, .nothing: return .void
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .uint(let u): return u <= UInt64(Int64.max) ? .int(Int64(u)) : .string(String(u))
        case .float(let f): return .double(f)
        case .string(let s): return .string(s)
        case .bytes(let b): return .bytes(b)
        case .array(let a): return .array(a.map(field))
        case .object(let o): return .table(o.mapValues(field))
        case .timestamp: return .string(value.plainString)
        }
    }

    /// Queue declaration arguments from the config map.
    static func arguments(_ value: Value?) -> [String: AMQPFieldValue] {
        guard case .object(let o)? = value else { return [:] }
        var out: [String: AMQPFieldValue] = [:]
        for (k, v) in o {
            if integerArguments.contains(k), case .string(let s) = v, let i = Int64(s) {
                out[k] = .int(i)
            } else {
                out[k] = field(v)
            }
        }
        return out
    }

    /// Adds a header to metadata as Benthos does: `-` in keys becomes `_`, nested tables and
    /// arrays are flattened (`parent_key`, `parent_0`), empty values are left out.
    static func addHeader(_ key: String, _ value: AMQPFieldValue, to metadata: inout [String: Value]) {
        let metaKey = key.replacingOccurrences(of: "-", with: "_")
        switch value {
        case .table(let t):
            for (k, v) in t { addHeader(metaKey + "_" + k, v, to: &metadata) }
        case .array(let a):
            for (i, v) in a.enumerated() { addHeader("\(metaKey)_\(i)", v, to: &metadata) }
        case .timestamp(let t):
            let date = Date(timeIntervalSince1970: TimeInterval(t))
            metadata[metaKey] = .string(ISO8601DateFormatter().string(from: date))
        default:
            let text = value.text
            if !text.isEmpty { metadata[metaKey] = .string(text) }
        }
    }

    /// The URLs of a `urls` field: each entry may hold several, separated by commas.
    static func urls(_ config: ComponentConfig) throws(ConfigError) -> [AMQPURL] {
        var out: [AMQPURL] = []
        for entry in try config.stringList("urls") {
            for part in entry.split(separator: ",") {
                let text = part.trimmingCharacters(in: .whitespaces)
                if text.isEmpty { continue }
                do {
                    out.append(try AMQPURL(parsing: text))
                } catch {
                    throw config.error(error.message, field: "urls")
                }
            }
        }
        if out.isEmpty { throw config.error("at least one URL is required", field: "urls") }
        return out
    }

    /// Opens a connection to the first URL that answers, starting at `start` (failover).
    /// - Throws: `AMQPConnectError` listing every URL's failure.
    static func connect(
        _ urls: [AMQPURL], start: Int, setUp: @Sendable (AMQPConnection) async throws(AMQPError) -> Void
    ) async throws -> (AMQPConnection, index: Int) {
        var failures: [String] = []
        for offset in 0..<urls.count {
            let index = (start + offset) % urls.count
            var opened: AMQPConnection?
            do {
                let connection = try await AMQPConnection.open(urls[index])
                opened = connection
                try await setUp(connection)
                return (connection, index)
            } catch {
                await opened?.close()
                failures.append(error.message)
            }
        }
        throw AMQPConnectError(failures: failures)
    }
}

/// No URL of a component could be connected to; lists why for each.
struct AMQPConnectError: Error, CustomStringConvertible {
    var failures: [String]
    var description: String { failures.joined(separator: "; ") }
}

/// A message field that could not be rendered or sent.
struct AMQPMessageError: Error, CustomStringConvertible {
    var description: String
}
