import Bloblang
import BloblangStdlib
import BloblangTooling
import Testing

extension Example: CustomTestStringConvertible {
    public var testDescription: String { "\(owner)#\(line)" }
}

/// Every example of every function and method spec, each one a test case.
@Suite struct SpecExamplesTests {
    @Test(arguments: Stdlib.allExamples)
    func example(_ example: Example) {
        for failure in ExampleChecker.check(example, environment: .standard) {
            Issue.record(
                Comment(rawValue: failure.description),
                sourceLocation: SourceLocation(fileID: "BloblangStdlib/\(example.file.split(separator: "/").last ?? "")", filePath: example.file, line: example.line, column: 1))
        }
    }
}
