import ArgumentParser
import Foundation
import StreamComponents
import StreamRuntime
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Sluice {
    /// Runs a pipeline config until its input ends or a signal stops it.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a pipeline config until its input ends or it is stopped.",
            discussion: """
                Loads the config (environment variables `${VAR}`/`${VAR:default}` replaced, resource \
                files merged, `--set` overrides applied), lints it, builds every component and runs \
                input → pipeline.processors → output. The HTTP server on `http.address` (default \
                0.0.0.0:4195) serves /ping, /ready and /metrics (Prometheus text).

                SIGINT or SIGTERM stops reading and drains in-flight messages within \
                `shutdown_timeout` (default 20s); a second signal exits at once.

                Exit status: 0 when the pipeline ended (end of input) or stopped cleanly; 1 for config \
                errors (printed as FILE:LINE:COL: PATH: MESSAGE), an HTTP address that cannot be bound, \
                a shutdown that did not drain in time, or a second signal.

                Examples:
                  sluice run -c config.yaml
                  sluice run -c config.yaml -r resources.yaml --set pipeline.threads=4
                """
        )

        @Option(name: [.customShort("c"), .customLong("config")], help: "The config file to run.")
        var config: String?

        @Option(name: [.customShort("r"), .customLong("resources")], help: "A resource file to merge (repeatable).")
        var resources: [String] = []

        @Option(name: .customLong("set"), help: "Override a config field: path=value (repeatable).")
        var set: [String] = []

        @Option(name: .customLong("log.level"), help: "Override logger.level (OFF, ERROR, WARN, INFO, DEBUG, TRACE).")
        var logLevel: String?

        @Flag(name: .customLong("chilled"), help: "Run even when the config has lint errors.")
        var chilled = false

        func validate() throws {
            if let logLevel, StructuredLogger.Level(configName: logLevel) == nil {
                throw ValidationError("invalid --log.level \(logLevel)")
            }
        }

        func run() async throws {
            let registry = AllComponents.registry
            let streamConfig: StreamConfig
            do {
                streamConfig = try StreamConfig.load(file: config, resources: resources, overrides: set)
            } catch {
                Self.printError(Sluice.Lint.render(error, file: config ?? "config"))
                throw ExitCode(1)
            }

            let issues = Linter(registry: registry).lint(streamConfig.root, baseDirectory: streamConfig.baseDirectory)
            let errors = issues.filter { $0.severity == .error }
            for issue in issues { Self.printError(Sluice.Lint.render(issue, file: config ?? "config")) }
            if !errors.isEmpty && !chilled {
                Self.printError("shutting down due to linter errors, to prevent shutdown run sluice with --chilled")
                throw ExitCode(1)
            }

            let service: StreamService
            do {
                let builder = StreamBuilder(
                    registry: registry, logLevelOverride: logLevel.flatMap(StructuredLogger.Level.init(configName:)))
                service = try builder.build(streamConfig)
            } catch {
                Self.printError(Sluice.Lint.render(error, file: config ?? "config"))
                throw ExitCode(1)
            }

            if let config {
                service.logger.with(["path": .string(config)]).info("Running main config from specified file")
            } else {
                service.logger.info("Running without a main config file")
            }

            let shutdown = ShutdownController(service: service)
            let signals = shutdown.installSignalHandlers()
            defer { signals.cancel() }

            do {
                try await service.run()
            } catch {
                service.logger.error("HTTP Server error: \(error)")
                await service.pipeline.stop(timeout: .seconds(1))
                throw ExitCode(1)
            }
            if await shutdown.waitForStop() == false {
                throw ExitCode(1)
            }
        }

        static func printError(_ text: String) {
            FileHandle.standardError.write(Data((text + "\n").utf8))
        }
    }
}
