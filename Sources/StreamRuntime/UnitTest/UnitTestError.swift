/// A problem that stops a config unit test from running: a definition that cannot be read or
/// parsed, a target that cannot be found, processors that cannot be built.
public struct UnitTestError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
