/// A mapping that does not parse: what was wrong, and where.
///
/// `description` is Benthos's compact form, `line 1 char 8: expected ...`;
/// `DiagnosticRenderer` gives the rich form with the source line and a caret.
public struct ParseError: Error, Sendable, CustomStringConvertible {
    /// A stable identifier of the kind of problem, e.g. `parse.expected`, `function.unknown`.
    public var id: String
    public var message: String
    public var range: SourceRange
    public var source: SourceFile
    /// Extra lines such as "did you mean `uppercase`?".
    public var help: [String]

    public init(id: String, message: String, range: SourceRange, source: SourceFile, help: [String] = []) {
        self.id = id
        self.message = message
        self.range = range
        self.source = source
        self.help = help
    }

    public var location: LineColumn { source.location(of: range.start) }

    public var description: String { "\(location): \(message)" }
}
