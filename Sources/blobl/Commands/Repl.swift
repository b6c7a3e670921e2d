import ArgumentParser
import Bloblang
import BloblangStdlib
import BloblangTooling
import Foundation

extension Blobl {
    /// An interactive session for writing mappings.
    struct Repl: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "repl",
            abstract: "Write and try mappings interactively.",
            discussion: """
                Statements are added to the session mapping, which runs on the current input document; \
                an expression prints its value. Lines continue while brackets are open. :help lists the \
                commands (:input, :meta, :load, :doc, ...). On a terminal there is line editing, history \
                (~/.blobl_history) and tab completion; with stdin not a terminal, commands are read line by \
                line and the output is plain.

                Exit status: 0 at the end of input or :quit; 1 when a file given with -m or -i cannot be used.

                Examples:
                  blobl repl
                  blobl repl -i doc.json -m mapping.blobl
                  printf ':input {"a":1}\\nthis.a + 1\\n' | blobl repl
                """
        )

        @Option(name: [.short, .customLong("mapping")], help: "Start with this mapping file loaded.")
        var mapping: String?

        @Option(name: [.short, .customLong("input")], help: "Start with this JSON document as the input.")
        var input: String?

        @Option(name: .customLong("history-file"), help: "Where to keep the history (default ~/.blobl_history).")
        var historyFile: String?

        func run() throws {
            let session = ReplSession(environment: .standard)
            for (command, file) in [(":load-input", input), (":load", mapping)] {
                guard let file else { continue }
                if case .error(let e) = session.handle("\(command) \(file)") {
                    FileHandle.standardError.write(Data((e + "\n").utf8))
                    throw ExitCode(1)
                }
            }
            let status = ReplDriver.run(session: session, historyPath: historyFile ?? ReplDriver.defaultHistoryPath)
            if status != 0 { throw ExitCode(status) }
        }
    }
}
