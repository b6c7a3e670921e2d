import Bloblang

/// Prints values for people: pretty JSON, with colours on a terminal.
public struct ValuePrinter: Sendable {
    /// Whether to use ANSI colours.
    public var useColor: Bool

    /// Creates a printer.
    public init(useColor: Bool) { self.useColor = useColor }

    /// The value as indented JSON (strings quoted), or a word for the special values.
    public func render(_ value: Value) -> String {
        switch value {
        case .nothing: return paint("nothing (no value)", "2")
        case .delete: return paint("deleted", "2")
        default:
            var out = ""
            write(value, indent: "", into: &out)
            return out
        }
    }

    private func paint(_ s: String, _ code: String) -> String {
        useColor ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
    }

    private func scalar(_ v: Value) -> String {
        String(decoding: JSONWriter.compact(v, escapeHTML: false), as: UTF8.self)
    }

    private func write(_ value: Value, indent: String, into out: inout String) {
        switch value {
        case .object(let obj):
            if obj.isEmpty {
                out += "{}"
                return
            }
            out += "{\n"
            let inner = indent + "  "
            for (i, key) in obj.keys.sorted().enumerated() {
                out += inner + paint(scalar(.string(key)), "34") + ": "
                if let v = obj[key] { write(v, indent: inner, into: &out) }
                out += i == obj.count - 1 ? "\n" : ",\n"
            }
            out += indent + "}"
        case .array(let items):
            if items.isEmpty {
                out += "[]"
                return
            }
            out += "[\n"
            let inner = indent + "  "
            for (i, v) in items.enumerated() {
                out += inner
                write(v, indent: inner, into: &out)
                out += i == items.count - 1 ? "\n" : ",\n"
            }
            out += indent + "]"
        case .string, .bytes, .timestamp: out += paint(scalar(value), "32")
        case .int, .uint, .float: out += paint(scalar(value), "36")
        case .bool, .null: out += paint(scalar(value), "35")
        case .nothing, .delete: out += render(value)
        }
    }
}
