import ArgumentParser
import StreamComponents
import StreamRuntime

/// `sluice`: run, lint and test Benthos-shaped pipeline configs.
@main
struct Sluice: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sluice",
        abstract: "Run, lint and test stream pipelines declared in Benthos-shaped YAML.",
        subcommands: [Lint.self, Docs.self, Run.self, Test.self]
    )
}
