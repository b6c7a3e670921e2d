import ArgumentParser
import Bloblang
import BloblangStdlib
import BloblangTooling
import Foundation

extension Blobl {
    /// Checks mapping files for mistakes.
    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lint",
            abstract: "Check mapping files: parse errors, unknown names, bad arguments, unused variables, dead code.",
            discussion: """
                Prints one finding per line as FILE:LINE:COL: error|warning[id]: message, with "= help:" lines \
                for suggestions. Errors: the mapping does not parse, an unknown function or method (with a \
                suggestion), wrong arguments. Warnings: a variable set with `let` and never read, a match case \
                after a `_` case, an `if false` block, a statement after one that always throws.

                Exit status: 0 when no file has errors (warnings are printed); 1 when a file has errors or \
                cannot be read.

                Examples:
                  blobl lint mapping.blobl
                  blobl lint mappings/*.blobl
                """
        )

        @Argument(help: "Mapping files, or - for stdin.")
        var files: [String]

        func validate() throws {
            if files.isEmpty { throw ValidationError("at least one file (or -) is required") }
        }

        func run() throws {
            let linter = MappingLinter(environment: .standard)
            var failed = false
            var out = ""
            for file in files {
                let text: String
                if file == "-" {
                    text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
                } else {
                    guard let data = FileManager.default.contents(atPath: file) else {
                        out += "\(file): error: cannot read the file\n"
                        failed = true
                        continue
                    }
                    text = String(decoding: data, as: UTF8.self)
                }
                let name = file == "-" ? "<stdin>" : file
                for finding in linter.lint(text, path: file == "-" ? nil : file) {
                    out += "\(name):\(finding)\n"
                    if finding.severity == .error { failed = true }
                }
            }
            FileHandle.standardOutput.write(Data(out.utf8))
            if failed { throw ExitCode(1) }
        }
    }
}
