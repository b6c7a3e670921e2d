import ArgumentParser

/// The entry points of the platform binaries, so that their `main.swift` is one call.
public enum PlatformMain {
    /// Runs `api-gateway` with the process arguments and exits.
    public static func apiGateway() async { await APIGatewayCommand.main() }
    /// Runs `ml-worker` with the process arguments and exits.
    public static func mlWorker() async { await MLWorkerCommand.main() }
    /// Runs `results-collector` with the process arguments and exits.
    public static func resultsCollector() async { await ResultsCollectorCommand.main() }
}
