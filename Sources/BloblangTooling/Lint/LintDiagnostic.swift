import Bloblang

/// One finding of `blobl lint`.
public struct LintDiagnostic: Sendable, Equatable, CustomStringConvertible {
    /// How serious a finding is: errors make `blobl lint` exit 1, warnings do not.
    public enum Severity: String, Sendable {
        case error
        case warning
    }

    /// Error or warning.
    public var severity: Severity
    /// A stable identifier such as `function.unknown` or `variable.unused`.
    public var id: String
    /// What is wrong.
    public var message: String
    /// Where, 1-based.
    public var location: LineColumn
    /// The UTF-8 offset of the position.
    public var offset: Int
    /// Suggestions such as "did you mean `uppercase`?".
    public var help: [String]

    /// Creates a finding.
    public init(severity: Severity, id: String, message: String, location: LineColumn, offset: Int, help: [String] = []) {
        self.severity = severity
        self.id = id
        self.message = message
        self.location = location
        self.offset = offset
        self.help = help
    }

    /// `line:col: severity[id]: message`, then one `  = help:` line per suggestion.
    public var description: String {
        var s = "\(location.line):\(location.column): \(severity.rawValue)[\(id)]: \(message)"
        for h in help { s += "\n    = help: \(h)" }
        return s
    }
}
