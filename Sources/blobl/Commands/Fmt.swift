import ArgumentParser
import Bloblang
import BloblangStdlib
import BloblangTooling
import Foundation

extension Blobl {
    /// Formats mapping files canonically.
    struct Fmt: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fmt",
            abstract: "Format mapping files canonically.",
            discussion: """
                Rewrites the spacing between tokens, the indentation (two spaces per open bracket) and blank \
                lines. Tokens, comments and line breaks stay where they are, so the meaning never changes; \
                every result is checked to parse and to hold the same tokens before it is used.

                Without -w or --check, prints the formatted mapping (one file) on stdout. With -, reads stdin.

                Exit status: 0 on success, or when --check finds every file formatted; 1 when a file does \
                not parse or cannot be read or written, or when --check finds a file that is not formatted.

                Examples:
                  blobl fmt mapping.blobl
                  blobl fmt -w mappings/*.blobl
                  blobl fmt --check mappings/*.blobl
                """
        )

        @Argument(help: "Mapping files, or - for stdin.")
        var files: [String]

        @Flag(name: .customLong("check"), help: "Write nothing; list the files that are not formatted and exit 1 if any.")
        var check = false

        @Flag(name: .customShort("w"), help: "Write the result back to each file instead of printing it.")
        var write = false

        func validate() throws {
            if files.isEmpty { throw ValidationError("at least one file (or -) is required") }
            if check && write { throw ValidationError("--check and -w cannot be used together") }
            if !check && !write && files.count > 1 {
                throw ValidationError("formatting several files needs -w (write back) or --check")
            }
        }

        func run() throws {
            let formatter = MappingFormatter()
            var failed = false
            for file in files {
                let text: String
                if file == "-" {
                    text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
                } else {
                    guard let data = FileManager.default.contents(atPath: file) else {
                        stderr("\(file): cannot read the file\n")
                        failed = true
                        continue
                    }
                    text = String(decoding: data, as: UTF8.self)
                }
                let path = file == "-" ? nil : file
                let formatted: String
                do {
                    formatted = try formatter.formatChecked(text, path: path, environment: .standard)
                } catch {
                    stderr("\(error.message)\n")
                    if let parse = error.parseError { stderr(DiagnosticRenderer(useColor: false).render(parse)) }
                    failed = true
                    continue
                }
                if check {
                    if formatted != text {
                        print(file)
                        failed = true
                    }
                } else if write && file != "-" {
                    if formatted != text {
                        do {
                            try formatted.write(toFile: file, atomically: true, encoding: .utf8)
                        } catch {
                            stderr("\(file): cannot write the file: \(error.localizedDescription)\n")
                            failed = true
                        }
                    }
                } else {
                    FileHandle.standardOutput.write(Data(formatted.utf8))
                }
            }
            if failed { throw ExitCode(1) }
        }

        private func stderr(_ s: String) { FileHandle.standardError.write(Data(s.utf8)) }
    }
}
