import Bloblang
import Yams

/// YAML to and from values, following the resolution and layout of Go's `gopkg.in/yaml.v3`
/// as Benthos uses it: plain scalars resolve by YAML 1.2 core rules, mappings print with
/// sorted keys and four-space indentation.
enum YAMLCodec {
    // MARK: - Parsing

    static func parse(_ text: String) throws(RuntimeError) -> Value {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw RuntimeError("yaml: \(String(describing: error).split(separator: "\n").first ?? "")")
        }
        guard let node else { return .null }
        return try value(of: node, depth: 0)
    }

    private static func value(of node: Node, depth: Int) throws(RuntimeError) -> Value {
        if depth > 10_000 { throw RuntimeError("yaml: document is nested too deeply") }
        switch node {
        case .scalar(let s):
            return resolve(s)
        case .mapping(let m):
            var out: [String: Value] = [:]
            for (k, v) in m {
                let key: String
                switch try value(of: k, depth: depth + 1) {
                case .string(let s): key = s
                case let other: key = other.plainString
                }
                out[key] = try value(of: v, depth: depth + 1)
            }
            return .object(out)
        case .sequence(let seq):
            var out: [Value] = []
            for item in seq { out.append(try value(of: item, depth: depth + 1)) }
            return .array(out)
        case .alias:
            return .null
        }
    }

    private static func resolve(_ s: Node.Scalar) -> Value {
        let text = s.string
        let tag = s.tag.description
        if tag == "tag:yaml.org,2002:str" || s.style != .plain && s.style != .any {
            if tag == "tag:yaml.org,2002:int", let i = Int64(text) { return .int(i) }
            return .string(text)
        }
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
        case ".nan", ".NaN", ".NAN": return .float(.nan)
        default: break
        }
        if let first = text.utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || (first >= 0x30 && first <= 0x39) || first == UInt8(ascii: ".") {
            if case .success(let i) = GoNumberParsing.parseInt(text.replacingOccurrences(of: "_", with: "")) { return .int(i) }
            if case .success(let u) = GoNumberParsing.parseUInt(text) { return .uint(u) }
            if text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), let f = Double(text) { return .float(f) }
        }
        return .string(text)
    }

    // MARK: - Formatting

    static func format(_ v: Value) -> String {
        var out = ""
        switch v {
        case .object(let o) where !o.isEmpty:
            writeMapping(o, indent: 0, into: &out)
        case .array(let a) where !a.isEmpty:
            writeSequence(a, indent: 0, into: &out)
        default:
            out = scalar(v) + "\n"
        }
        return out
    }

    private static func writeMapping(_ o: [String: Value], indent: Int, into out: inout String, firstLinePrefix: String? = nil) {
        let pad = String(repeating: " ", count: indent)
        var first = true
        for key in o.keys.sorted(by: JSONWriter.utf8Less) {
            let value = o[key] ?? .null
            if first, let firstLinePrefix { out += firstLinePrefix } else { out += pad }
            first = false
            out += scalar(.string(key)) + ":"
            switch value {
            case .object(let child) where !child.isEmpty:
                out += "\n"
                writeMapping(child, indent: indent + 4, into: &out)
            case .array(let child) where !child.isEmpty:
                out += "\n"
                writeSequence(child, indent: indent + 4, into: &out)
            default:
                out += " " + scalar(value) + "\n"
            }
        }
    }

    private static func writeSequence(_ a: [Value], indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for item in a {
            switch item {
            case .object(let child) where !child.isEmpty:
                writeMapping(child, indent: indent + 2, into: &out, firstLinePrefix: pad + "- ")
            case .array(let child) where !child.isEmpty:
                out += pad + "-\n"
                writeSequence(child, indent: indent + 4, into: &out)
            default:
                out += pad + "- " + scalar(item) + "\n"
            }
        }
    }

    private static func scalar(_ v: Value) -> String {
        switch v {
        case .null, .delete, .nothing: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .uint(let u): return String(u)
        case .float(let f):
            if f.isNaN { return ".nan" }
            if f.isInfinite { return f > 0 ? ".inf" : "-.inf" }
            return GoFloatFormat.shortestG(f)
        case .string(let s): return quoteIfNeeded(s)
        case .bytes(let b): return quoteIfNeeded(String(decoding: b, as: UTF8.self))
        case .timestamp(let t): return t.rfc3339Nano
        case .object: return "{}"
        case .array: return "[]"
        }
    }

    private static func quoteIfNeeded(_ s: String) -> String {
        if needsQuotes(s) { return String(decoding: JSONWriter.compact(.string(s), escapeHTML: false), as: UTF8.self) }
        return s
    }

    private static func needsQuotes(_ s: String) -> Bool {
        guard let first = s.first, let last = s.last else { return true }
        if case .string = resolve(Node.Scalar(s)) {} else { return true }
        if " \t".contains(first) || " \t".contains(last) { return true }
        if "-?:,[]{}#&*!|>'\"%@`".contains(first) {
            if first == "-" || first == "?" || first == ":" {
                if s.count == 1 || s.dropFirst().first == " " { return true }
            } else {
                return true
            }
        }
        if s.contains(": ") || s.contains(" #") || s.hasSuffix(":") { return true }
        for u in s.unicodeScalars where u.value < 0x20 || u.value == 0x7F { return true }
        return false
    }
}
