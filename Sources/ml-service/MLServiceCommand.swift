import ArgumentParser
import Foundation
import MLService
import StreamRuntime

/// `ml-service`: the reference text model behind the inference platform.
@main
struct MLServiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ml-service",
        abstract: "Serve a small n-gram text model over HTTP (POST /inference, POST /v1/completions).",
        discussion: """
            The model is trained at start on data/opticks.txt (override with --training-text or
            ML_SERVICE_TRAINING_TEXT). Answers are deterministic for a given --seed and request.
            Logs are JSON lines on standard error. Exit codes: 0 after SIGTERM/SIGINT, 1 when the
            model cannot be trained or the address cannot be bound, 64 for bad options.
            """)

    @Option(help: "Address to listen on.") var host = "0.0.0.0"
    @Option(help: "Port to listen on (0 picks a free one).") var port = 8081
    @Option(name: .customLong("latency-ms"), help: "Milliseconds added before every generation answer.")
    var latencyMs = 0
    @Option(name: .customLong("failure-rate"), help: "Share of generation requests answered 500/503 (0 to 1).")
    var failureRate = 0.0
    @Option(name: .customLong("hang-rate"), help: "Share of generation requests never answered (0 to 1).")
    var hangRate = 0.0
    @Option(help: "Seed of the sampling and of the fault knobs.") var seed: UInt64 = 0
    @Option(name: .customLong("training-text"), help: "The plain-text file to train on.") var trainingText: String?
    @Option(name: .customLong("log-level"), help: "trace, debug, info, warn, error or off (default: LOG_LEVEL or info).")
    var logLevel: String?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0...65535, got \(port)") }
        guard latencyMs >= 0 else { throw ValidationError("--latency-ms must be 0 or more, got \(latencyMs)") }
        for (name, rate) in [("--failure-rate", failureRate), ("--hang-rate", hangRate)] where !(0...1).contains(rate) {
            throw ValidationError("\(name) must be between 0 and 1, got \(rate)")
        }
        if let logLevel, StructuredLogger.Level(configName: logLevel) == nil {
            throw ValidationError("--log-level \(logLevel) is not one of trace, debug, info, warn, error, off")
        }
    }

    func run() async throws {
        let levelName = logLevel ?? ProcessInfo.processInfo.environment["LOG_LEVEL"] ?? "info"
        let log = StructuredLogger(level: StructuredLogger.Level(configName: levelName) ?? .info, format: .json)
            .with(["service": "ml-service"])
        let server: MLServer
        do {
            let started = ContinuousClock.now
            let (path, text) = try TrainingText.load(candidates: TrainingText.candidates(explicit: trainingText))
            let model = try NGramModel(trainingText: text)
            log.info(
                "model trained",
                [
                    "training_text": .string(path), "tokens": .int(Int64(model.trainingTokens)),
                    "vocabulary": .int(Int64(model.vocabularySize)),
                    "duration_ms": .int(Int64((ContinuousClock.now - started) / .milliseconds(1))),
                ])
            let faults = FaultInjector(
                latencyMilliseconds: latencyMs, failureRate: failureRate, hangRate: hangRate, seed: seed)
            server = MLServer(model: model, faults: faults, seed: seed, log: log)
        } catch {
            log.error(error.description)
            throw ExitCode.failure
        }
        let signals = ProcessSignals { sig in
            log.info("shutting down", ["signal": .string(ProcessSignals.name(sig))])
            server.shutdown()
        }
        defer { signals.cancel() }
        do {
            try await server.run(host: host, port: port)
        } catch {
            log.error("\(error)")
            throw ExitCode.failure
        }
    }
}
