/// A documented example of a function or method. Every example runs as a test, and the
/// reference docs are rendered from the same values.
public struct Example: Sendable, CustomStringConvertible {
    /// One input message and the output the mapping must give for it. An output of the form
    /// `Error("...")` asserts that the mapping fails with that message.
    public struct Pair: Sendable {
        public var input: String
        public var output: String
        public init(_ input: String, _ output: String) {
            self.input = input
            self.output = output
        }
    }

    public var summary: String
    public var mapping: String
    public var pairs: [Pair]
    /// False for examples whose output changes between runs (`now()`, `uuid_v4()`): only the
    /// shape of the output is checked.
    public var deterministic: Bool
    /// Set by the registry: the spec the example belongs to, for test labels.
    public var owner: String = ""
    public let file: String
    public let line: Int

    public init(
        _ mapping: String, _ input: String, _ output: String, summary: String = "", deterministic: Bool = true,
        file: String = #filePath, line: Int = #line
    ) {
        self.init(mapping, pairs: [Pair(input, output)], summary: summary, deterministic: deterministic, file: file, line: line)
    }

    public init(
        _ mapping: String, pairs: [Pair], summary: String = "", deterministic: Bool = true,
        file: String = #filePath, line: Int = #line
    ) {
        self.summary = summary
        self.mapping = mapping
        self.pairs = pairs
        self.deterministic = deterministic
        self.file = file
        self.line = line
    }

    public var description: String { owner.isEmpty ? mapping : owner }
}
