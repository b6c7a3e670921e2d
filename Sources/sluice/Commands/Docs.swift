import ArgumentParser
import Foundation
import StreamComponents
import StreamRuntime

extension Sluice {
    /// Renders the component reference from the specs, or checks it is current.
    struct Docs: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate the component reference (markdown) from the component specs.",
            discussion: """
                Writes inputs.md, processors.md and outputs.md into the output folder. With --check, \
                writes nothing and lists the files that are missing or out of date.

                Exit status: 0 on success, or when --check finds the folder up to date; 1 when --check \
                finds stale files, or when a file cannot be written.

                Examples:
                  sluice docs
                  sluice docs --out /tmp/components
                  sluice docs --check
                """
        )

        @Option(name: .customLong("out"), help: "The folder to write into.")
        var out = ComponentDocs.defaultDirectory

        @Flag(name: .customLong("check"), help: "Exit 1 if the files in the folder differ from what would be generated.")
        var check = false

        func run() throws {
            let docs = ComponentDocs(registry: AllComponents.registry)
            if check {
                let stale = docs.staleFiles(in: out)
                if stale.isEmpty {
                    print("\(out) is up to date")
                    return
                }
                let command =
                    out == ComponentDocs.defaultDirectory ? "swift run sluice docs" : "swift run sluice docs --out \(out)"
                FileHandle.standardError.write(
                    Data(
                        """
                        component docs in \(out) are stale: \(stale.joined(separator: ", "))
                        run `\(command)` to regenerate them

                        """.utf8))
                throw ExitCode(1)
            }
            do {
                let changed = try docs.write(to: out)
                print(
                    changed.isEmpty ? "\(out) is up to date" : "wrote \(changed.map { "\(out)/\($0)" }.joined(separator: ", "))")
            } catch {
                FileHandle.standardError.write(Data("failed to write docs to \(out): \(error.localizedDescription)\n".utf8))
                throw ExitCode(1)
            }
        }
    }
}
