import ArgumentParser
import Bloblang
import Foundation
import StreamComponents
import StreamRuntime

extension Sluice {
    /// Runs Benthos config unit tests (`tests:` in configs, or `*_benthos_test.yaml` beside them).
    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the unit tests of configs.",
            discussion: """
                Runs the `tests:` of each config: every case feeds its input batch through the \
                processors it targets (`target_processors`, a JSON pointer or a label; or a Bloblang \
                file with `target_mapping`) and checks the output batches against its conditions \
                (content_equals, content_matches, json_equals, json_contains, metadata_equals, \
                bloblang, file_equals, ...). Tests live in the config itself, or in a file beside it \
                named after it with `_benthos_test` (or `_test`, when that file holds only `tests:`). \
                Each config is linted first; lint errors fail it.

                A path may be a file, a folder (the YAML files directly in it), a folder followed by \
                `/...` (searched recursively), or a glob pattern. Without paths, `./...` is searched.

                Prints `Test 'FILE' succeeded` or `Test 'FILE' failed` per config, then each failure \
                with what was expected and what was received (a line diff for multi-line text and JSON).

                Exit status: 0 when every test passed; 1 when a test failed, a test could not run, or \
                no tests were found.

                Examples:
                  sluice test ./tests
                  sluice test ./configs/...
                  sluice test pipeline.yaml pipeline_benthos_test.yaml
                  sluice test --json ./tests > report.json
                """
        )

        @Argument(help: "Config files, test definition files, folders, `dir/...` or glob patterns.")
        var paths: [String] = []

        @Option(name: [.customShort("r"), .customLong("resources")], help: "A resource file merged into every tested config.")
        var resources: [String] = []

        @Option(
            name: .customLong("log"),
            help: ArgumentHelp("Let components log at this level (to stdout), e.g. INFO or DEBUG.", valueName: "level"))
        var logLevel: String?

        @Flag(name: [.customShort("v"), .customLong("verbose")], help: "List every case with PASS or FAIL.")
        var verbose = false

        @Flag(name: .customLong("json"), help: "Print the report as JSON instead of text.")
        var json = false

        func validate() throws {
            if let logLevel, StructuredLogger.Level(configName: logLevel) == nil {
                throw ValidationError("unknown log level '\(logLevel)'")
            }
        }

        func run() async throws {
            var logger = StructuredLogger.silent
            if let logLevel, let level = StructuredLogger.Level(configName: logLevel) {
                logger = StructuredLogger(level: level, lineFormat: LogLineFormat(), sink: .standardOutput)
            }
            let runner = UnitTestRunner(
                registry: AllComponents.registry, resourcePaths: resources, logger: logger, setsProcessEnvironment: true)
            let report = await runner.run(paths: paths.isEmpty ? ["./..."] : paths)
            if json {
                print(String(decoding: JSONWriter.pretty(report.json, indent: "  ", escapeHTML: false), as: UTF8.self))
            } else {
                if let error = report.error { FileHandle.standardError.write(Data((error + "\n").utf8)) }
                print(report.text(verbose: verbose), terminator: "")
            }
            if !report.passed { throw ExitCode(1) }
        }
    }
}
