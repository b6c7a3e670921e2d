import Bloblang
import Foundation

/// JSON Pointers into config trees, as config unit tests use them: `target_processors:
/// /pipeline/processors/0` picks a node, and a mock keyed `/pipeline/processors/-` appends one.
extension ConfigNode {
    /// The reference tokens of a JSON pointer (`/a/b~1c/0` → `a`, `b/c`, `0`); the empty
    /// pointer is the whole document.
    /// - Throws: `UnitTestError` when the pointer does not start with `/`.
    public static func pointerTokens(_ pointer: String) throws(UnitTestError) -> [String] {
        if pointer.isEmpty { return [] }
        guard pointer.hasPrefix("/") else {
            throw UnitTestError("failed to resolve JSON pointer: path must begin with '/'")
        }
        return pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    /// The node at `tokens`. Errors name the path walked so far, as Benthos does
    /// (`pipeline.processors.3: target index greater than array length`).
    /// - Throws: `UnitTestError` when a key or index does not exist.
    public func node(at tokens: [String]) throws(UnitTestError) -> ConfigNode {
        var current = self
        for (depth, token) in tokens.enumerated() {
            let walked = tokens[...depth].joined(separator: ".")
            switch current {
            case .sequence(let items, _):
                guard token != "-" else { throw UnitTestError("\(walked): append directive not allowed") }
                current = items[try Self.index(token, count: items.count, walked: walked)]
            case .mapping:
                guard let next = current[token] else { throw UnitTestError("\(walked): key not found in mapping") }
                current = next
            default:
                throw UnitTestError("\(walked): key not found in mapping")
            }
        }
        return current
    }

    /// A copy with `value` put at `tokens`: a missing last key is added, `-` appends to a
    /// list, and missing parents become mappings.
    /// - Throws: `UnitTestError` for an index outside a list.
    public func setting(_ value: ConfigNode, at tokens: [String]) throws(UnitTestError) -> ConfigNode {
        try setting(value, at: tokens[...], walked: [])
    }

    private func setting(
        _ value: ConfigNode, at tokens: ArraySlice<String>, walked: [String]
    ) throws(UnitTestError)
        -> ConfigNode
    {
        guard let token = tokens.first else { return value }
        let rest = tokens.dropFirst()
        let path = walked + [token]
        let here = path.joined(separator: ".")
        switch self {
        case .sequence(var items, let loc):
            if token == "-" {
                items.append(try ConfigNode.null(value.location).setting(value, at: rest, walked: path))
            } else {
                let i = try Self.index(token, count: items.count, walked: here)
                items[i] = try items[i].setting(value, at: rest, walked: path)
            }
            return .sequence(items, loc)
        case .mapping(var entries, let loc):
            if let i = entries.lastIndex(where: { $0.key == token }) {
                entries[i].value = try entries[i].value.setting(value, at: rest, walked: path)
            } else {
                entries.append(
                    (token, value.location, try ConfigNode.null(value.location).setting(value, at: rest, walked: path)))
            }
            return .mapping(entries, loc)
        default:
            // Benthos turns whatever is in the way into a container of the needed kind.
            if token == "-" || Int(token) != nil {
                return try ConfigNode.sequence([], location).setting(value, at: tokens, walked: walked)
            }
            return try ConfigNode.mapping([], location).setting(value, at: tokens, walked: walked)
        }
    }

    private static func index(_ token: String, count: Int, walked: String) throws(UnitTestError) -> Int {
        guard var i = Int(token) else {
            throw UnitTestError(
                "\(walked): failed to parse path segment as array index: strconv.Atoi: parsing \(GoStrconv.quote(token)): invalid syntax")
        }
        if i < 0 { i += count }
        if i < 0 { throw UnitTestError("\(walked): target index less than zero") }
        if i >= count { throw UnitTestError("\(walked): target index greater than array length") }
        return i
    }

    /// The path (as pointer tokens) of every component with a `label`, keyed by label; the
    /// first one wins. Top-level keys in `skipping` (such as `tests`) are not searched.
    public func labelPaths(skipping: Set<String> = ["tests"]) -> [String: [String]] {
        var out: [String: [String]] = [:]
        func walk(_ node: ConfigNode, _ path: [String]) {
            switch node {
            case .mapping(let entries, _):
                if !path.isEmpty, let label = node["label"]?.scalarText, !label.isEmpty, out[label] == nil {
                    out[label] = path
                }
                for e in entries where !(path.isEmpty && skipping.contains(e.key)) { walk(e.value, path + [e.key]) }
            case .sequence(let items, _):
                for (i, item) in items.enumerated() { walk(item, path + [String(i)]) }
            default:
                break
            }
        }
        walk(self, [])
        return out
    }

    /// A readable YAML path for pointer tokens: `pipeline.processors[0]`.
    static func yamlPath(_ tokens: [String]) -> String {
        var s = ""
        for t in tokens {
            if Int(t) != nil || t == "-" {
                s += "[\(t)]"
            } else {
                s += s.isEmpty ? t : ".\(t)"
            }
        }
        return s
    }
}
