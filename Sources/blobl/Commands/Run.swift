import ArgumentParser
import Bloblang
import BloblangTooling
import Foundation

extension Blobl {
    /// Runs a mapping over input lines (the default command, like `benthos blobl`).
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Execute a mapping on documents consumed via stdin or a file (the default).",
            discussion: """
                Examples:
                  cat documents.jsonl | blobl 'root.id = this.id.uppercase()'
                  echo '{"foo":"bar"}' | blobl -f ./mapping.blobl
                  blobl -i input.jsonl -f ./mapping.blobl -t 2
                """
        )

        @Argument(help: "The mapping to run, unless --file is given.")
        var mapping: String?

        @Option(name: [.short, .customLong("file")], help: "Execute a mapping from a file.")
        var file: String?

        @Option(name: [.short, .customLong("input")], help: "Read input from a file instead of stdin.")
        var input: String?

        @Flag(name: [.short, .customLong("raw")], help: "Consume raw strings: `this` is each line as bytes, not parsed JSON.")
        var raw = false

        @Flag(name: [.short, .customLong("pretty")], help: "Pretty-print structured output.")
        var pretty = false

        @Option(name: [.short, .customLong("threads")], help: "The number of processing threads.")
        var threads = 1

        @Option(name: .customLong("max-token-length"), help: "The longest input line accepted, in bytes.")
        var maxTokenLength = 65536

        func validate() throws {
            if file != nil, mapping != nil {
                throw ValidationError("invalid flags, unable to execute both a file mapping and an inline mapping")
            }
            if file == nil, mapping == nil { throw ValidationError("a mapping or --file is required") }
            if threads < 0 { throw ValidationError("--threads must not be negative") }
            if maxTokenLength < 1 { throw ValidationError("--max-token-length must be at least 1") }
        }

        func run() throws {
            var text = mapping ?? ""
            if let file {
                guard let data = FileManager.default.contents(atPath: file) else {
                    FileHandle.standardError.write(
                        Data("failed to read mapping file: open \(file): no such file or directory\n".utf8))
                    throw ExitCode(1)
                }
                text = String(decoding: data, as: UTF8.self)
            }
            let parsed: Mapping
            do {
                parsed = try BloblRunner.parseMapping(text, path: file)
            } catch {
                let useColor = isatty(2) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
                let rich = DiagnosticRenderer(useColor: useColor).render(error)
                FileHandle.standardError.write(Data("failed to parse mapping: \(error.description)\n\(rich)".utf8))
                throw ExitCode(1)
            }
            var fd: Int32 = 0
            if let input {
                fd = open(input, O_RDONLY)
                if fd < 0 {
                    FileHandle.standardError.write(
                        Data("failed to open input file: open \(input): no such file or directory\n".utf8))
                    throw ExitCode(1)
                }
            }
            let runner = BloblRunner(
                mapping: parsed, threads: max(1, threads), rawInput: raw, pretty: pretty, maxLineLength: maxTokenLength)
            let status = LargeStack.run { runner.run(input: fd) }
            if status != 0 { throw ExitCode(status) }
        }
    }
}
