import Bloblang
import Foundation

/// One output message of a mapping test, as the conditions see it.
public struct TestMessage: Sendable {
    /// The bytes of the message.
    public var content: [UInt8]
    /// The metadata after the mapping ran.
    public var metadata: [String: Value]
    /// The mapping's error, when it failed (the message then passes through unchanged, as
    /// in a Benthos `bloblang` processor).
    public var error: String?

    /// Creates a message.
    public init(content: [UInt8], metadata: [String: Value] = [:], error: String? = nil) {
        self.content = content
        self.metadata = metadata
        self.error = error
    }

    /// The content as text.
    public var text: String { String(decoding: content, as: UTF8.self) }
}

/// A check on one output message: Benthos's `output_batches` conditions that make sense for
/// a mapping (`content_equals`, `json_equals`, `json_contains`, `metadata_equals`, `bloblang`).
public enum MappingTestCondition: Sendable {
    /// A mapping whose result must be `true`.
    case bloblang(source: String, Mapping)
    /// The exact content.
    case contentEquals(String)
    /// Metadata keys that must be present with these values; other keys are ignored.
    case metadataEquals([String: Value])
    /// The content parsed as JSON must equal this value.
    case jsonEquals(Value)
    /// The content parsed as JSON must hold at least this value (objects compared by subset).
    case jsonContains(Value)

    /// The field name in test files.
    public var name: String {
        switch self {
        case .bloblang: "bloblang"
        case .contentEquals: "content_equals"
        case .metadataEquals: "metadata_equals"
        case .jsonEquals: "json_equals"
        case .jsonContains: "json_contains"
        }
    }

    /// Checks `message`; nil when it passes, otherwise why not (with a diff where it helps).
    public func check(_ message: TestMessage) -> String? {
        switch self {
        case .bloblang(let source, let mapping):
            let ctx = mapping.makeContext()
            mapping.prepare(ctx, content: message.content, metadata: message.metadata)
            ctx.messageError = message.error
            do {
                try mapping.execute(ctx)
            } catch {
                return "bloblang `\(source)` failed: \(error.message)"
            }
            if case .bool(true) = ctx.root { return nil }
            if case .bool(false) = ctx.root { return "bloblang `\(source)` was false" }
            return "bloblang `\(source)` gave \(ctx.root.plainString), expected a boolean"
        case .contentEquals(let expected):
            let received = message.text
            if expected == received { return nil }
            if !expected.contains("\n"), !received.contains("\n") {
                return "content mismatch\n  expected: \(expected)\n  received: \(received)"
            }
            return "content mismatch\n" + LineDiff.render(expected: expected, received: received)
        case .metadataEquals(let expected):
            var problems: [String] = []
            for key in expected.keys.sorted() {
                guard let e = expected[key] else { continue }
                guard let r = message.metadata[key] else {
                    problems.append("metadata key '\(key)' expected but not found")
                    continue
                }
                if !e.looselyEquals(r) {
                    problems.append("metadata key '\(key)' mismatch\n  expected: \(e.plainString)\n  received: \(r.plainString)")
                }
            }
            return problems.isEmpty ? nil : problems.joined(separator: "\n")
        case .jsonEquals(let expected), .jsonContains(let expected):
            let subset: Bool
            if case .jsonContains = self { subset = true } else { subset = false }
            let title = subset ? "JSON superset mismatch" : "JSON content mismatch"
            let received: Value
            do {
                received = try JSONReader.parse(message.content)
            } catch {
                return "\(title)\n  the message is not valid JSON: \(error.message)\n  received: \(message.text)"
            }
            if Self.matches(received, expected, subset: subset) { return nil }
            let shownExpected = String(decoding: JSONWriter.pretty(expected, indent: "  "), as: UTF8.self)
            var shownReceived = received
            if subset { shownReceived = Self.restricted(received, to: expected) }
            let diff = LineDiff.render(
                expected: shownExpected, received: String(decoding: JSONWriter.pretty(shownReceived, indent: "  "), as: UTF8.self))
            return "\(title)\n" + diff
        }
    }

    /// Equality that ignores the number type (`1 == 1.0`), and with `subset`, lets the
    /// received objects hold more keys than expected.
    static func matches(_ received: Value, _ expected: Value, subset: Bool) -> Bool {
        switch (received, expected) {
        case (.object(let r), .object(let e)):
            if !subset, r.count != e.count { return false }
            for (k, ev) in e {
                guard let rv = r[k], matches(rv, ev, subset: subset) else { return false }
            }
            return true
        case (.array(let r), .array(let e)):
            guard r.count == e.count else { return false }
            return zip(r, e).allSatisfy { matches($0, $1, subset: subset) }
        case (.int, _), (.uint, _), (.float, _):
            if case .bool = expected { return false }
            return received.looselyEquals(expected)
        default:
            return JSONWriter.compact(received) == JSONWriter.compact(expected)
        }
    }

    /// The received document cut down to the keys the expected one names, so a superset
    /// diff shows only what matters.
    static func restricted(_ received: Value, to expected: Value) -> Value {
        switch (received, expected) {
        case (.object(let r), .object(let e)):
            var out: [String: Value] = [:]
            for (k, ev) in e { if let rv = r[k] { out[k] = restricted(rv, to: ev) } }
            return .object(out)
        case (.array(let r), .array(let e)) where r.count == e.count:
            return .array(zip(r, e).map { restricted($0, to: $1) })
        default:
            return received
        }
    }
}
