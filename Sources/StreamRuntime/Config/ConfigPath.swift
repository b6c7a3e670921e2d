/// A path into a config tree, as written in `--set` overrides and issue paths:
/// `pipeline.processors[1].mapping`, also `pipeline.processors.1.mapping`, and `-` (or `[-]`)
/// to append to a list.
public struct ConfigPath: Sendable, Equatable, CustomStringConvertible {
    public enum Segment: Sendable, Equatable {
        case key(String)
        case index(Int)
        /// Past the end of a list: appends.
        case append
    }

    public var segments: [Segment]

    public init(_ segments: [Segment]) { self.segments = segments }

    /// Parses a dotted path with `[n]` indexes.
    /// - Throws: `ConfigError` for an empty segment or a bad index.
    public init(parsing text: String) throws(ConfigError) {
        var segments: [Segment] = []
        var current = ""
        var i = text.startIndex
        func bad(_ why: String) -> ConfigError { ConfigError("invalid path '\(text)': \(why)", path: "", location: nil) }
        var afterBracket = false
        while i < text.endIndex {
            let c = text[i]
            if c == "." {
                if current.isEmpty && !afterBracket { throw bad("empty segment") }
                if !current.isEmpty { segments.append(Self.segment(current)) }
                current = ""
                afterBracket = false
            } else if c == "[" {
                if !current.isEmpty { segments.append(.key(current)) }
                current = ""
                guard let close = text[i...].firstIndex(of: "]") else { throw bad("missing ]") }
                let inner = String(text[text.index(after: i)..<close])
                if inner == "-" {
                    segments.append(.append)
                } else if let n = Int(inner) {
                    segments.append(.index(n))
                } else {
                    throw bad("expected an index in [\(inner)]")
                }
                i = close
                afterBracket = true
            } else {
                if afterBracket { throw bad("expected . after ]") }
                current.append(c)
            }
            i = text.index(after: i)
        }
        if !current.isEmpty {
            segments.append(Self.segment(current))
        } else if !afterBracket {
            throw bad("empty segment")
        }
        self.segments = segments
    }

    /// A dotted segment: a number or `-` may index a list (decided when applied).
    static func segment(_ s: String) -> Segment { s == "-" ? .append : .key(s) }

    public var description: String {
        var out = ""
        for s in segments {
            switch s {
            case .key(let k): out += out.isEmpty ? k : ".\(k)"
            case .index(let n): out += "[\(n)]"
            case .append: out += "[-]"
            }
        }
        return out
    }
}

extension ConfigNode {
    /// The node at `path`, if there is one.
    public func node(at path: ConfigPath) -> ConfigNode? {
        var node = self
        for s in path.segments {
            switch (s, node) {
            case (.key(let k), .mapping):
                guard let next = node[k] else { return nil }
                node = next
            case (.key(let k), .sequence(let items, _)):
                guard let n = Int(k), let i = Self.resolve(n, count: items.count) else { return nil }
                node = items[i]
            case (.index(let n), .sequence(let items, _)):
                guard let i = Self.resolve(n, count: items.count) else { return nil }
                node = items[i]
            default:
                return nil
            }
        }
        return node
    }

    static func resolve(_ n: Int, count: Int) -> Int? {
        let i = n < 0 ? count + n : n
        return i >= 0 && i < count ? i : nil
    }

    /// A copy with `value` put at `path`: missing mapping keys are created, `-` appends to a
    /// list, negative indexes count from the end.
    /// - Throws: `ConfigError` when a segment cannot be followed (an index out of range, an
    ///   index into a mapping, a key into a scalar list).
    public func setting(_ path: ConfigPath, to value: ConfigNode) throws(ConfigError) -> ConfigNode {
        try set(path.segments[...], value: value, done: [])
    }

    private func set(
        _ rest: ArraySlice<ConfigPath.Segment>, value: ConfigNode, done: [ConfigPath.Segment]
    ) throws(ConfigError)
        -> ConfigNode
    {
        guard let first = rest.first else { return value }
        let here = ConfigPath(done + [first]).description
        let more = rest.dropFirst()
        switch (first, self) {
        case (.key(let k), .sequence(var items, let loc)) where Int(k) != nil:
            guard let n = Int(k), let i = Self.resolve(n, count: items.count) else {
                throw ConfigError("\(here): target index greater than array length", path: here, location: location)
            }
            items[i] = try items[i].set(more, value: value, done: done + [.index(n)])
            return .sequence(items, loc)
        case (.key(let k), .mapping(var entries, let loc)):
            if let i = entries.lastIndex(where: { $0.key == k }) {
                entries[i].value = try entries[i].value.set(more, value: value, done: done + [first])
            } else {
                let fresh = ConfigNode.null(value.location)
                entries.append((k, value.location, try fresh.set(more, value: value, done: done + [first])))
            }
            return .mapping(entries, loc)
        case (.key(let k), .null(let loc)):
            let fresh = ConfigNode.null(value.location)
            return .mapping([(k, value.location, try fresh.set(more, value: value, done: done + [first]))], loc)
        case (.index(let n), .sequence(var items, let loc)):
            guard let i = Self.resolve(n, count: items.count) else {
                throw ConfigError("\(here): target index greater than array length", path: here, location: location)
            }
            items[i] = try items[i].set(more, value: value, done: done + [first])
            return .sequence(items, loc)
        case (.append, .sequence(var items, let loc)):
            items.append(try ConfigNode.null(value.location).set(more, value: value, done: done + [.index(items.count)]))
            return .sequence(items, loc)
        case (.append, .null(let loc)):
            return .sequence([try ConfigNode.null(value.location).set(more, value: value, done: done + [.index(0)])], loc)
        case (.key, _):
            throw ConfigError(
                "\(here): expected an object to set a field in, got \(ConfigLoader.shortTag(self))", path: here,
                location: location)
        case (.index, _), (.append, _):
            throw ConfigError(
                "\(here): expected an array to index, got \(ConfigLoader.shortTag(self))", path: here,
                location: location)
        }
    }
}

extension ConfigLoader {
    /// Applies one `--set path=value` override: the value is parsed as YAML.
    /// - Throws: `ConfigError` for a malformed expression or a path that cannot be set.
    public static func applyOverride(_ expression: String, to root: ConfigNode) throws(ConfigError) -> ConfigNode {
        guard let eq = expression.firstIndex(of: "=") else {
            throw ConfigError("invalid set expression '\(expression)': expected foo=bar syntax", path: "", location: nil)
        }
        let pathText = String(expression[..<eq])
        let valueText = String(expression[expression.index(after: eq)...])
        guard !pathText.isEmpty, !valueText.isEmpty else {
            throw ConfigError("invalid set expression '\(expression)': expected foo=bar syntax", path: "", location: nil)
        }
        let path: ConfigPath
        do {
            path = try ConfigPath(parsing: pathText)
        } catch {
            throw ConfigError("invalid set expression '\(expression)': \(error.message)", path: "", location: nil)
        }
        let value: ConfigNode
        do {
            value = try parseYAML(valueText, file: "--set \(pathText)")
        } catch {
            throw ConfigError("invalid set expression '\(expression)': \(error.message)", path: pathText, location: nil)
        }
        do {
            return try root.setting(path, to: value)
        } catch {
            throw ConfigError("failed to set config field override: \(error.message)", path: pathText, location: nil)
        }
    }
}
