import Foundation

/// The settings a platform binary reads from its environment, with the local defaults, as
/// config interpolation variables (`${DATABASE_URL}`, `${MAPPINGS_DIR}`, ...).
public struct ServiceEnvironment: Sendable, Equatable {
    /// The documented variables and their defaults (the contract).
    public static let defaults: [String: String] = [
        "DATABASE_URL": "postgres://sluice:sluice@127.0.0.1:5432/sluice",
        "AMQP_URL": "amqp://guest:guest@127.0.0.1:5672/%2f",
        "ML_SERVICE_URL": "http://127.0.0.1:8081/inference",
        "HTTP_ADDRESS": "0.0.0.0:8080",
        "METRICS_ADDRESS": "0.0.0.0:9090",
        "LOG_LEVEL": "info",
    ]

    /// Every variable the config may read: the process environment with the defaults filled
    /// in where a variable is unset or empty, plus `MAPPINGS_DIR`.
    public var variables: [String: String]
    /// The config file to run.
    public var configPath: String
    /// The folder of the component's `.blobl` files (absolute).
    public var mappingsDirectory: String

    /// Resolves the settings of `component`.
    /// - Parameters:
    ///   - component: the binary's name; the defaults are `config/<component>.yaml` and
    ///     `mappings/<component>` relative to the working directory.
    ///   - config: `--config`, which wins over `SLUICE_CONFIG`.
    ///   - mappingsDirectory: `--mappings-dir`, which wins over `MAPPINGS_DIR`.
    ///   - processEnvironment: the environment to read.
    ///   - workingDirectory: what relative paths are resolved against.
    public init(
        component: String, config: String? = nil, mappingsDirectory: String? = nil,
        processEnvironment: [String: String] = ProcessInfo.processInfo.environment,
        workingDirectory: String = FileManager.default.currentDirectoryPath
    ) {
        var vars = processEnvironment
        for (name, value) in Self.defaults where (vars[name] ?? "").isEmpty { vars[name] = value }
        func nonEmpty(_ s: String?) -> String? { s.flatMap { $0.isEmpty ? nil : $0 } }
        func absolute(_ path: String) -> String {
            let p = path.hasPrefix("/") ? path : (workingDirectory as NSString).appendingPathComponent(path)
            return (p as NSString).standardizingPath
        }
        configPath = absolute(nonEmpty(config) ?? nonEmpty(processEnvironment["SLUICE_CONFIG"]) ?? "config/\(component).yaml")
        let mappings = absolute(
            nonEmpty(mappingsDirectory) ?? nonEmpty(processEnvironment["MAPPINGS_DIR"]) ?? "mappings/\(component)")
        self.mappingsDirectory = mappings
        vars["MAPPINGS_DIR"] = mappings
        variables = vars
    }

    /// `DATABASE_URL` with the default applied.
    public var databaseURL: String { variables["DATABASE_URL"] ?? Self.defaults["DATABASE_URL"] ?? "" }
}
