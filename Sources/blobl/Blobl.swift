import ArgumentParser
import BloblangTooling

/// `blobl`: run, test and explore Bloblang mappings.
@main
struct Blobl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blobl",
        abstract: "Run a Bloblang mapping on documents read from stdin or a file.",
        usage: """
            blobl [<mapping>] [-f <file>] [-i <input>] [-r] [-p] [-t <threads>] [--max-token-length <n>]
            blobl fmt [--check] [-w] <file>...
            blobl lint <file>...
            blobl test [<path>...] [--json]
            blobl repl [-m <mapping>] [-i <input>]
            blobl server [-m <mapping>] [-i <input>] [-w] [--host <host>] [-p <port>]
            blobl docs [--out <dir>] [--check]
            """,
        discussion: """
            Each input line is one message. For each line blobl prints one line: a string result as it is, \
            any other result as compact JSON, an empty line when the mapping deleted the message, and the input \
            itself when the mapping assigned nothing.

            Exit status: 0 when every line was processed (runtime errors are reported on stderr as \
            "failed to execute map: ..." and processing goes on); 1 when the mapping does not parse, an input \
            line is too long, or the input cannot be read; 64 for bad usage.
            """,
        version: SluiceVersion.current,
        subcommands: [Run.self, Docs.self, Fmt.self, Lint.self, Test.self, Repl.self, Server.self],
        defaultSubcommand: Run.self
    )
}
