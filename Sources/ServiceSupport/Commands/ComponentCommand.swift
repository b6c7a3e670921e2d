import ArgumentParser
import Foundation

/// The text every component's `--help` shares: settings and exit status.
enum ComponentHelp {
    static let settings = """
        Settings come from the environment (defaults in brackets) and are the variables the \
        config reads as ${NAME}: DATABASE_URL [postgres://sluice:sluice@127.0.0.1:5432/sluice], \
        AMQP_URL [amqp://guest:guest@127.0.0.1:5672/%2f], ML_SERVICE_URL \
        [http://127.0.0.1:8081/inference], HTTP_ADDRESS [0.0.0.0:8080], METRICS_ADDRESS \
        [0.0.0.0:9090, serving /metrics, /ping and /ready], LOG_LEVEL [info], MAPPINGS_DIR \
        [mappings/<component>], SLUICE_CONFIG [config/<component>.yaml].

        Logs are JSON lines on standard error. Editing a .blobl file in the mappings folder \
        reloads the mappings within a second; a file that does not parse is rejected with an \
        error line and the previous mappings keep serving.

        Exit status: 0 after a clean stop (SIGTERM or SIGINT drains in-flight messages first); \
        1 for a config error, an address that cannot be bound, or a stop that did not drain in \
        time.
        """
}

/// Runs a component whose only job is its stage config (ml-worker, results-collector).
func runComponent(_ component: String, _ options: ComponentOptions) async throws {
    let runner = ComponentRunner(component: component, environment: options.environment(component: component))
    if await runner.run() == false { throw ExitCode(1) }
}

/// `ml-worker`: consumes ml_requests, calls the ML service, publishes to ml_results.
public struct MLWorkerCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ml-worker",
        abstract: "Take inference jobs from RabbitMQ, call the ML service, publish the results.",
        discussion: ComponentHelp.settings)

    @OptionGroup public var options: ComponentOptions

    public init() {}

    public func run() async throws { try await runComponent("ml-worker", options) }
}

/// `results-collector`: stores the results of ml_results in PostgreSQL.
public struct ResultsCollectorCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "results-collector",
        abstract: "Store inference results from RabbitMQ in PostgreSQL, counting each request's tokens once.",
        discussion: ComponentHelp.settings)

    @OptionGroup public var options: ComponentOptions

    public init() {}

    public func run() async throws { try await runComponent("results-collector", options) }
}
