import ArgumentParser
import Bloblang
import BloblangStdlib
import BloblangTooling
import Foundation

extension Blobl {
    /// Runs mapping tests written in Benthos's test format.
    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Run mapping tests (Benthos `tests:` files with target_mapping).",
            discussion: """
                Each test names a mapping file (target_mapping, relative to the test file), an input_batch of \
                messages (content, json_content, metadata) and output_batches of conditions (content_equals, \
                json_equals, json_contains, metadata_equals, bloblang). The mapping runs on each message as a \
                bloblang processor would: a deleted message leaves the batch, a failed one passes through \
                with its error (check it with `bloblang: errored()`).

                Folders are searched recursively for *_test.yaml files (including *_benthos_test.yaml).

                Exit status: 0 when every test passed; 1 when a test failed or a file could not be read; \
                64 for bad usage.

                Examples:
                  blobl test mappings/
                  blobl test mappings/enrich_test.yaml --json
                """
        )

        @Argument(help: "Test files or folders (default: the current folder).")
        var paths: [String] = []

        @Flag(name: .customLong("json"), help: "Print the report as JSON.")
        var json = false

        func run() throws {
            let (files, missing) = MappingTestRunner.discover(paths.isEmpty ? ["."] : paths)
            for m in missing { FileHandle.standardError.write(Data("\(m): no such file or directory\n".utf8)) }
            if files.isEmpty && missing.isEmpty {
                FileHandle.standardError.write(Data("no *_test.yaml files found\n".utf8))
                throw ExitCode(1)
            }
            let runner = MappingTestRunner(environment: .standard)
            let results = LargeStack.run { files.map { runner.run(file: $0.path, skipConfigTests: $0.fromFolder) } }
            let report = json ? MappingTestRunner.jsonReport(results) : MappingTestRunner.textReport(results)
            FileHandle.standardOutput.write(Data(report.utf8))
            if !missing.isEmpty || !results.allSatisfy(\.passed) { throw ExitCode(1) }
        }
    }
}
