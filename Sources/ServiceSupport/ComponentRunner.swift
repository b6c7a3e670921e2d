import Foundation
import StreamAMQP
import StreamComponents
import StreamPostgres
import StreamRuntime

/// Runs one platform component: loads its stage config with the service environment as
/// variables, lints and builds it, serves it until its input ends or a signal stops it, and
/// reloads its mappings when the files change.
public struct ComponentRunner: Sendable {
    /// Every component a platform binary may use: the server-free ones and the connectors.
    public static var standardRegistry: ComponentRegistry {
        ComponentRegistry(StreamComponents.all + StreamPostgres.all + StreamAMQP.all)
    }

    /// The binary's name (`api-gateway`, ...), used in logs and for the default paths.
    public let component: String
    public let environment: ServiceEnvironment
    public var registry: ComponentRegistry
    /// How often the mappings folder is looked at.
    public var reloadInterval: Duration

    /// A runner for `component` with the standard components.
    public init(
        component: String, environment: ServiceEnvironment, registry: ComponentRegistry = Self.standardRegistry,
        reloadInterval: Duration = .seconds(1)
    ) {
        self.component = component
        self.environment = environment
        self.registry = registry
        self.reloadInterval = reloadInterval
    }

    /// What a failed start looks like.
    public struct StartError: Error, CustomStringConvertible {
        /// One line per problem (`FILE:LINE:COL: PATH: MESSAGE`).
        public var problems: [String]
        public var description: String { problems.joined(separator: "\n") }
    }

    /// A built, not yet running component (exposed for tests).
    public struct Prepared: Sendable {
        public let service: StreamService
        public let reloader: MappingReloader
        public let watcher: DirectoryWatcher
    }

    /// Loads, lints and builds the stage config.
    /// - Throws: `StartError` listing every config problem.
    public func prepare() throws(StartError) -> Prepared {
        let path = environment.configPath
        guard FileManager.default.fileExists(atPath: path) else {
            throw StartError(problems: ["\(path): the config file does not exist (set --config or SLUICE_CONFIG)"])
        }
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: environment.mappingsDirectory, isDirectory: &isDirectory)
            || !isDirectory.boolValue
        {
            throw StartError(problems: [
                "\(environment.mappingsDirectory): the mappings folder does not exist (set --mappings-dir or MAPPINGS_DIR)"
            ])
        }
        let loader = ConfigLoader(environment: environment.variables)
        let config: StreamConfig
        do {
            config = try StreamConfig.load(file: path, loader: loader)
        } catch {
            throw StartError(problems: [Self.render(error, file: path)])
        }
        let reloader = MappingReloader()
        let registry = reloader.registry(wrapping: self.registry)
        let issues = Linter(registry: registry, loader: loader).lint(config.root, baseDirectory: config.baseDirectory)
        let errors = issues.filter { $0.severity == .error }
        if !errors.isEmpty { throw StartError(problems: errors.map { Self.render($0, file: path) }) }
        let service: StreamService
        do {
            service = try StreamBuilder(registry: registry, logSink: .standardError).build(config)
        } catch {
            throw StartError(problems: [Self.render(error, file: path)])
        }
        for warning in issues where warning.severity == .warning {
            service.logger.warn(Self.render(warning, file: path))
        }
        return Prepared(service: service, reloader: reloader, watcher: DirectoryWatcher(directory: environment.mappingsDirectory))
    }

    /// Runs until the input ends or SIGTERM/SIGINT stops it after draining.
    /// - Returns: true when the component stopped cleanly (exit status 0).
    public func run() async -> Bool {
        let prepared: Prepared
        do {
            prepared = try prepare()
        } catch {
            for line in error.problems { Self.logStartup(component: component, "config error: \(line)") }
            return false
        }
        let service = prepared.service
        let logger = service.logger
        logger.info(
            "Starting \(component)",
            ["config": .string(environment.configPath), "mappings_dir": .string(environment.mappingsDirectory)])

        let reloader = prepared.reloader
        let directory = environment.mappingsDirectory
        prepared.watcher.start(interval: reloadInterval) {
            do {
                try reloader.reload()
                logger.info("Reloaded the mappings", ["mappings_dir": .string(directory), "processors": .int(Int64(reloader.count))])
            } catch {
                logger.error(
                    "Rejected the changed mappings, the previous ones keep serving: \(error)",
                    ["mappings_dir": .string(directory)])
            }
        }
        let watcher = prepared.watcher
        let shutdown = ShutdownController(service: service, onStop: { watcher.stop() })
        let signals = shutdown.installSignalHandlers()
        defer {
            signals.cancel()
            watcher.stop()
        }
        do {
            try await service.run()
        } catch {
            logger.error("Cannot serve HTTP: \(error)")
            await service.pipeline.stop(timeout: .seconds(1))
            return false
        }
        return await shutdown.waitForStop()
    }

    /// `FILE:LINE:COL: PATH: MESSAGE`, as `sluice lint` prints config problems.
    static func render(_ issue: ConfigError, file: String) -> String {
        let loc = issue.location
        var s = "\(loc?.file ?? file):\(loc?.line ?? 1):\(loc?.column ?? 1): "
        if !issue.path.isEmpty { s += "\(issue.path): " }
        if issue.severity == .warning { s += "warning: " }
        return s + issue.message
    }

    /// A JSON log line on standard error, for messages written before the stream's logger
    /// exists (config errors).
    static func logStartup(component: String, level: String = "ERROR", _ message: String) {
        let line: [String: String] = [
            "level": level, "msg": message, "@service": component,
            "time": ISO8601DateFormatter().string(from: Date()),
        ]
        let data = (try? JSONSerialization.data(withJSONObject: line, options: [.sortedKeys])) ?? Data()
        FileHandle.standardError.write(data + Data("\n".utf8))
    }
}
