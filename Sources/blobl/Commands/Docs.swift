import ArgumentParser
import BloblangTooling
import Foundation

extension Blobl {
    /// Renders the function and method reference from the specs, or checks it is current.
    struct Docs: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate the function and method reference (markdown) from the specs.",
            discussion: """
                Writes index.md, functions.md and methods.md into the output folder.
                With --check, writes nothing and lists the files that are missing or out of date.

                Exit status: 0 on success, or when --check finds the folder up to date;
                1 when --check finds stale files, or when a file cannot be written.

                Examples:
                  blobl docs
                  blobl docs --out /tmp/reference
                  blobl docs --check
                """
        )

        @Option(name: .customLong("out"), help: "The folder to write into.")
        var out = DocsGenerator.defaultDirectory

        @Flag(name: .customLong("check"), help: "Exit 1 if the files in the folder differ from what would be generated.")
        var check = false

        func run() throws {
            let generator = DocsGenerator.standard
            if check {
                let stale = generator.staleFiles(in: out)
                if stale.isEmpty {
                    print("\(out) is up to date")
                    return
                }
                let list = stale.map { name in
                    let exists = FileManager.default.fileExists(atPath: (out as NSString).appendingPathComponent(name))
                    return "  \(name)\(exists ? "" : " (missing)")"
                }.joined(separator: "\n")
                let command = out == DocsGenerator.defaultDirectory ? "swift run blobl docs" : "swift run blobl docs --out \(out)"
                FileHandle.standardError.write(
                    Data(
                        """
                        reference docs in \(out) are stale:
                        \(list)
                        run `\(command)` to regenerate them

                        """.utf8))
                throw ExitCode(1)
            }
            do {
                let changed = try generator.write(to: out)
                print(
                    changed.isEmpty ? "\(out) is up to date" : "wrote \(changed.map { "\(out)/\($0)" }.joined(separator: ", "))")
            } catch {
                FileHandle.standardError.write(Data("failed to write docs to \(out): \(error.localizedDescription)\n".utf8))
                throw ExitCode(1)
            }
        }
    }
}
