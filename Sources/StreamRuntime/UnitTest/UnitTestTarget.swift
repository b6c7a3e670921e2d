/// A config under test and the cases that test it.
public struct UnitTestTarget: Sendable {
    /// The config whose processors the cases run (failures are reported under this path).
    public var configPath: String
    /// The file the cases were read from: the config itself, or a definition file beside it.
    public var definitionPath: String
    public var cases: [UnitTestCase]

    public init(configPath: String, definitionPath: String, cases: [UnitTestCase]) {
        self.configPath = configPath
        self.definitionPath = definitionPath
        self.cases = cases
    }
}
