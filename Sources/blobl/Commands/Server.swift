import ArgumentParser
import Bloblang
import BloblangStdlib
import BloblangTooling
import Foundation

extension Blobl {
    /// A web playground for mappings.
    struct Server: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "server",
            abstract: "Run a web playground: mapping, input and output panes with live evaluation.",
            discussion: """
                Serves a page (no internet needed) that evaluates the mapping on the input as you type, \
                highlights errors at their line and column, shows the metadata in and out, and lists every \
                function and method. Evaluation stops waiting after 2 seconds and refuses inputs over 1 MiB.
                With -w, edits are written back to the files given with -m and -i.

                Exit status: 0 when stopped; 1 when a file cannot be read or the address cannot be bound.

                Examples:
                  blobl server
                  blobl server -m mapping.blobl -i input.json -w
                  blobl server --host 0.0.0.0 -p 8080
                """
        )

        @Option(name: [.short, .customLong("mapping")], help: "A mapping file to start with.")
        var mapping: String?

        @Option(name: [.short, .customLong("input")], help: "An input file to start with.")
        var input: String?

        @Flag(name: [.short, .customLong("write")], help: "Write edits back to the mapping and input files.")
        var write = false

        @Option(name: .customLong("host"), help: "The address to listen on.")
        var host = "127.0.0.1"

        @Option(name: [.short, .customLong("port")], help: "The port to listen on (0 picks a free one).")
        var port = 4195

        @Flag(name: .customLong("no-open"), help: "Accepted for compatibility with benthos blobl server; no browser is opened.")
        var noOpen = false

        func validate() throws {
            if write && mapping == nil && input == nil { throw ValidationError("-w needs -m and/or -i to write to") }
            if !(0...65535).contains(port) { throw ValidationError("--port must be between 0 and 65535") }
        }

        func run() throws {
            func read(_ path: String?, default text: String) throws -> String {
                guard let path else { return text }
                if let data = FileManager.default.contents(atPath: path) { return String(decoding: data, as: UTF8.self) }
                // With -w a missing file is created on the first save.
                if write { return text }
                FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
                throw ExitCode(1)
            }
            let handlers = PlaygroundHandlers(
                environment: .standard,
                initialMapping: try read(mapping, default: "root = this\nroot.greeting = \"hello \" + this.name.or(\"world\")\n"),
                initialInput: try read(input, default: #"{"name":"blobl"}"#),
                mappingPath: mapping, inputPath: input, writeBack: write)
            let started: (server: AnyObject, port: Int)
            do {
                started = try handlers.start(host: host, port: port)
            } catch {
                FileHandle.standardError.write(Data("\(error.message)\n".utf8))
                throw ExitCode(1)
            }
            let bound = started.port
            let shown = host.contains(":") ? "[\(host)]" : host
            FileHandle.standardOutput.write(Data("blobl playground at http://\(shown):\(bound)/ (ctrl-c to stop)\n".utf8))
            // The server runs on its own threads; this one only waits.
            withExtendedLifetime(started.server) {
                while true { sleep(3600) }
            }
        }
    }
}
