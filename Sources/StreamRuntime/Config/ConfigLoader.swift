import Foundation
import Yams

/// A parsed config file: its tree and the problems found while reading it (variables
/// that are not set, and the like). Syntax errors are thrown instead.
public struct ConfigDocument: Sendable {
    public var root: ConfigNode
    /// The file it came from (nil for text).
    public var file: String?
    /// Problems found before parsing, such as missing environment variables (errors).
    public var issues: [ConfigError]

    public init(root: ConfigNode, file: String?, issues: [ConfigError] = []) {
        self.root = root
        self.file = file
        self.issues = issues
    }
}

/// Reads YAML configs into `ConfigNode` trees that remember the file, line and column of
/// every value: environment variables are replaced first (`${VAR}`, `${VAR:default}`),
/// then the text is parsed, resource files are merged and `--set` overrides applied.
public struct ConfigLoader: Sendable {
    /// Reads an environment variable (nil when unset).
    public var lookup: @Sendable (String) -> String?

    /// A loader that reads variables from `environment` (the process environment by default).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.lookup = { environment[$0] }
    }

    /// A loader with a custom variable lookup.
    public init(lookup: @escaping @Sendable (String) -> String?) {
        self.lookup = lookup
    }

    /// The resource lists that resource files add to (appended in order).
    public static let resourceKeys = [
        "input_resources", "processor_resources", "output_resources", "cache_resources", "rate_limit_resources",
    ]

    // MARK: - Reading

    /// Reads and parses a file.
    /// - Throws: `ConfigError` when the file cannot be read or is not valid YAML.
    public func read(file path: String) throws(ConfigError) -> ConfigDocument {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(
                "failed to read config file: no such file or not readable", path: "",
                location: ConfigLocation(file: path, line: 1, column: 1))
        }
        var issues: [ConfigError] = []
        guard let text = String(validating: data, as: UTF8.self) else {
            issues.append(
                ConfigError(
                    "detected invalid utf-8 encoding in config, this may result in interpolation functions not working as expected",
                    path: "", location: ConfigLocation(file: path, line: 1, column: 1)))
            var doc = try parse(String(decoding: data, as: UTF8.self), file: path)
            doc.issues.insert(contentsOf: issues, at: 0)
            return doc
        }
        return try parse(text, file: path)
    }

    /// Replaces environment variables in `text`, then parses it.
    /// - Throws: `ConfigError` for YAML syntax errors (unset variables are reported in `issues`).
    public func parse(_ text: String, file: String? = nil) throws(ConfigError) -> ConfigDocument {
        let env = EnvInterpolation.apply(text, lookup: lookup)
        var issues: [ConfigError] = []
        for m in env.missing {
            issues.append(
                ConfigError(
                    "required environment variables were not set: [\(m.name)]", path: "",
                    location: ConfigLocation(file: file, line: m.line, column: m.column)))
        }
        for e in env.errors {
            issues.append(ConfigError(e.message, path: "", location: ConfigLocation(file: file, line: e.line, column: e.column)))
        }
        let root = try Self.parseYAML(env.text, file: file)
        return ConfigDocument(root: root, file: file, issues: issues)
    }

    /// Parses YAML text as it is (no environment interpolation). An empty document is an
    /// empty mapping.
    /// - Throws: `ConfigError` for syntax errors, at the line and column YAML reports.
    public static func parseYAML(_ text: String, file: String? = nil) throws(ConfigError) -> ConfigNode {
        let source = ConfigSource(text, file: file)
        let node: Yams.Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw yamlError(error, file: file)
        } catch {
            throw ConfigError(
                "failed to parse YAML: \(error)", path: "", location: ConfigLocation(file: file, line: 1, column: 1))
        }
        guard let node else { return .mapping([], ConfigLocation(file: file, line: 1, column: 1, source: source)) }
        return try convert(node, source: source)
    }

    // MARK: - Whole configs

    /// Reads the main config (if any) and resource files, merges them and applies `--set`
    /// overrides.
    /// - Throws: the first problem: an unreadable file, a syntax error, a missing variable
    ///   or a bad override.
    public func load(file: String?, resources: [String] = [], overrides: [String] = []) throws(ConfigError) -> ConfigNode {
        let (root, issues) = try loadCollectingIssues(file: file, resources: resources, overrides: overrides)
        if let first = issues.first(where: { $0.severity == .error }) { throw first }
        return root
    }

    /// Like `load`, but returns the problems found before parsing (unset variables) instead
    /// of throwing them, so that a linter can report them with the rest.
    public func loadCollectingIssues(
        file: String?, resources: [String] = [], overrides: [String] = []
    ) throws(ConfigError)
        -> (ConfigNode, [ConfigError])
    {
        var issues: [ConfigError] = []
        var root: ConfigNode = .mapping([], ConfigLocation(file: file, line: 1, column: 1))
        if let file {
            let doc = try read(file: file)
            issues += doc.issues
            root = doc.root
        }
        for path in resources {
            let doc = try read(file: path)
            issues += doc.issues
            let (merged, mergeIssues) = Self.mergeResources(root, doc.root)
            root = merged
            issues += mergeIssues
        }
        for o in overrides { root = try Self.applyOverride(o, to: root) }
        return (root, issues)
    }

    /// Appends the resource lists of `resources` (a resource file) to those of `base`. Other
    /// top-level fields of a resource file are ignored with a warning.
    public static func mergeResources(_ base: ConfigNode, _ resources: ConfigNode) -> (ConfigNode, [ConfigError]) {
        var issues: [ConfigError] = []
        guard case .mapping(var entries, let loc) = base else { return (base, issues) }
        guard case .mapping(let extra, _) = resources else {
            if case .null = resources { return (base, issues) }
            return (
                base, [ConfigError("expected object value, got \(shortTag(resources))", path: "", location: resources.location)]
            )
        }
        for e in extra {
            guard resourceKeys.contains(e.key) else {
                issues.append(
                    ConfigError(
                        "field \(e.key) is ignored in a resources file", path: e.key, location: e.keyLocation,
                        severity: .warning))
                continue
            }
            var added: [ConfigNode] = []
            switch e.value {
            case .sequence(let items, _): added = items
            case .null: continue
            default:
                issues.append(ConfigError("expected array value", path: e.key, location: e.value.location))
                continue
            }
            if let i = entries.firstIndex(where: { $0.key == e.key }) {
                if case .sequence(let existing, let seqLoc) = entries[i].value {
                    entries[i].value = .sequence(existing + added, seqLoc)
                } else {
                    entries[i].value = .sequence(added, e.value.location)
                }
            } else {
                entries.append((e.key, e.keyLocation, .sequence(added, e.value.location)))
            }
        }
        return (.mapping(entries, loc), issues)
    }

    // MARK: - YAML → ConfigNode

    static func convert(_ node: Yams.Node, source: ConfigSource) throws(ConfigError) -> ConfigNode {
        switch node {
        case .scalar(let s):
            let loc = location(s.mark, source)
            let explicitString = s.tag.description == "tag:yaml.org,2002:str"
            if s.style == .plain || s.style == .any, !explicitString {
                switch s.string {
                case "", "~", "null", "Null", "NULL": return .null(loc)
                default: break
                }
            }
            return .scalar(s.string, loc, quoted: explicitString || (s.style != .plain && s.style != .any))
        case .sequence(let seq):
            var items: [ConfigNode] = []
            for item in seq { items.append(try convert(item, source: source)) }
            return .sequence(items, location(seq.mark, source))
        case .mapping(let map):
            var entries: [(key: String, keyLocation: ConfigLocation, value: ConfigNode)] = []
            var merged: [(key: String, keyLocation: ConfigLocation, value: ConfigNode)] = []
            for (k, v) in map {
                guard case .scalar(let ks) = k else {
                    throw ConfigError("mapping keys must be strings", path: "", location: location(k.mark, source))
                }
                let keyLoc = location(ks.mark, source)
                if ks.string == "<<", ks.style == .plain {
                    // A merge key: the keys of the merged mappings, unless given explicitly.
                    let sources: [Yams.Node]
                    if case .sequence(let seq) = v { sources = Array(seq) } else { sources = [v] }
                    for src in sources {
                        guard case .mapping(let entriesOf, _) = try convert(src, source: source) else {
                            throw ConfigError("a merge key needs a mapping or a list of mappings", path: "", location: keyLoc)
                        }
                        for e in entriesOf where !merged.contains(where: { $0.key == e.key }) { merged.append(e) }
                    }
                    continue
                }
                var value = try convert(v, source: source)
                if case .null = value, case .scalar(let vs) = v, vs.string.isEmpty {
                    // An empty value has no position of its own: use the key's.
                    value = .null(keyLoc)
                }
                entries.append((ks.string, keyLoc, value))
            }
            for m in merged where !entries.contains(where: { $0.key == m.key }) { entries.append(m) }
            return .mapping(entries, location(map.mark, source))
        case .alias(let a):
            return .null(location(a.mark, source))
        }
    }

    static func location(_ mark: Mark?, _ source: ConfigSource) -> ConfigLocation {
        ConfigLocation(file: source.file, line: mark?.line ?? 1, column: mark?.column ?? 1, source: source)
    }

    static func yamlError(_ error: YamlError, file: String?) -> ConfigError {
        func loc(_ m: Mark) -> ConfigLocation { ConfigLocation(file: file, line: m.line, column: m.column) }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let ctx = context.map { "\($0.text) at line \($0.mark.line), column \($0.mark.column): " } ?? ""
            return ConfigError("yaml: \(ctx)\(problem)", path: "", location: loc(mark))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ConfigError(
                "yaml: mapping key \(duplicates.sorted().joined(separator: ", ")) already defined",
                path: "", location: loc(context.mark))
        case .reader(let problem, _, _, _):
            return ConfigError("yaml: \(problem)", path: "", location: ConfigLocation(file: file, line: 1, column: 1))
        default:
            return ConfigError("yaml: \(error)", path: "", location: ConfigLocation(file: file, line: 1, column: 1))
        }
    }

    /// Benthos's short YAML tag of a node (`!!str`, `!!int`, `!!seq`, …), for messages.
    public static func shortTag(_ node: ConfigNode) -> String {
        switch node {
        case .null: return "!!null"
        case .sequence: return "!!seq"
        case .mapping: return "!!map"
        case .scalar:
            switch ConfigValues.value(of: node) {
            case .int, .uint: return "!!int"
            case .float: return "!!float"
            case .bool: return "!!bool"
            case .null: return "!!null"
            default: return "!!str"
            }
        }
    }
}
