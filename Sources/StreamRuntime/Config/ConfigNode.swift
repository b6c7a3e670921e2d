/// Where a value was written in a config file (1-based).
public struct ConfigLocation: Sendable, Equatable, CustomStringConvertible {
    public var file: String?
    public var line: Int
    public var column: Int
    /// The text the node was parsed from, when known. It lets positions inside a scalar
    /// (a Bloblang error in a block scalar) be mapped back to the file. Not compared.
    public var source: ConfigSource?

    public init(file: String? = nil, line: Int, column: Int, source: ConfigSource? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.source = source
    }

    public var description: String { "\(file.map { "\($0):" } ?? "")\(line):\(column)" }

    /// Locations are equal when they name the same file, line and column.
    public static func == (a: ConfigLocation, b: ConfigLocation) -> Bool {
        a.file == b.file && a.line == b.line && a.column == b.column
    }
}

/// A YAML config tree that remembers where each value came from, so that errors can name
/// the file, line and column.
public indirect enum ConfigNode: Sendable {
    case null(ConfigLocation)
    case scalar(String, ConfigLocation, quoted: Bool)
    case mapping([(key: String, keyLocation: ConfigLocation, value: ConfigNode)], ConfigLocation)
    case sequence([ConfigNode], ConfigLocation)

    public var location: ConfigLocation {
        switch self {
        case .null(let l), .scalar(_, let l, _), .mapping(_, let l), .sequence(_, let l): l
        }
    }

    /// The value of `key` in a mapping.
    public subscript(key: String) -> ConfigNode? {
        guard case .mapping(let entries, _) = self else { return nil }
        return entries.last(where: { $0.key == key })?.value
    }

    /// The keys of a mapping, in order.
    public var keys: [String] {
        guard case .mapping(let entries, _) = self else { return [] }
        return entries.map(\.key)
    }

    /// The scalar text, if this is a scalar.
    public var scalarText: String? {
        if case .scalar(let s, _, _) = self { return s }
        return nil
    }
}

/// A problem in a config: what, at which YAML path, and where in the file.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }
    public var severity: Severity
    /// The dotted YAML path, e.g. `pipeline.processors[2].mapping`.
    public var path: String
    public var location: ConfigLocation?
    public var message: String

    public init(_ message: String, path: String, location: ConfigLocation?, severity: Severity = .error) {
        self.message = message
        self.path = path
        self.location = location
        self.severity = severity
    }

    /// `file:line:col: path: message` (the form `sluice lint` prints).
    public var description: String {
        var s = ""
        if let location { s += "\(location): " }
        if !path.isEmpty { s += "\(path): " }
        return s + message
    }
}
