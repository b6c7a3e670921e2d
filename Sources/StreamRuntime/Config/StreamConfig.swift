import Bloblang
import Foundation

/// A whole pipeline config, Benthos-shaped: `input`, `pipeline`, `output`, resources,
/// `logger`, `metrics`, `http`, `shutdown_timeout` and `tests`, with typed accessors and the
/// defaults Benthos uses. Components stay as `ConfigNode`s: `BuildContext` builds them.
public struct StreamConfig: Sendable {
    /// The whole tree, as loaded.
    public var root: ConfigNode
    /// The folder relative paths in the config (imports, files) resolve against.
    public var baseDirectory: String

    /// The `input` component node; nil when absent (Benthos then reads stdin).
    public var input: ConfigNode?
    public var pipeline: Pipeline
    /// The `output` component node; nil when absent (Benthos then writes stdout).
    public var output: ConfigNode?
    /// `input_resources`, each with its label.
    public var inputResources: [Resource]
    /// `processor_resources`, each with its label.
    public var processorResources: [Resource]
    /// `output_resources`, each with its label.
    public var outputResources: [Resource]
    public var logger: Logger
    public var metrics: Metrics
    public var http: HTTP
    /// Seconds to wait for a clean shutdown before giving up (`shutdown_timeout`, 20s).
    public var shutdownTimeout: Double
    /// Seconds to wait before shutting down, e.g. for a last metrics scrape (`shutdown_delay`, 0s).
    public var shutdownDelay: Double
    /// The `tests` list (config unit tests), passed through for `sluice test`.
    public var tests: ConfigNode?
    /// Warnings found while reading the config (unsupported metrics backends, …).
    public var warnings: [ConfigError]

    /// `pipeline`: the processors every message goes through, and how many run at once.
    public struct Pipeline: Sendable {
        /// As written: -1 (the default) or 0 mean one per CPU.
        public var threadsSetting: Int
        /// The `processors` list node (nil when absent).
        public var processors: ConfigNode?

        /// The number of processing threads, with -1/0 resolved to the number of CPUs.
        public var threads: Int {
            threadsSetting > 0 ? threadsSetting : max(1, ProcessInfo.processInfo.activeProcessorCount)
        }
    }

    /// One entry of `input_resources`/`processor_resources`/`output_resources`.
    public struct Resource: Sendable {
        public var label: String
        /// The component node (with its `label`).
        public var node: ConfigNode
        /// The YAML path, e.g. `processor_resources[0]`.
        public var path: String
    }

    /// `logger`.
    public struct Logger: Sendable {
        /// As written (`INFO`, `debug`, …), upper-cased.
        public var levelName: String
        public var level: StructuredLogger.Level
        public var format: StructuredLogger.Format
        public var addTimestamp: Bool
        /// The keys of the level, message and timestamp in JSON lines (`level_name`, …).
        public var levelKey: String
        public var messageKey: String
        public var timestampKey: String
        /// Fields added to every line (`static_fields`, default `@service: sluice`).
        public var staticFields: [String: String]
    }

    /// `metrics`: the chosen backend and the optional renaming mapping.
    public struct Metrics: Sendable {
        /// `prometheus` (the default) or `none`; other backends are read as `prometheus`
        /// with a warning.
        public var backend: String
        /// The backend's own fields.
        public var options: ConfigNode?
        /// A Bloblang mapping that renames or drops metrics (`metrics.mapping`); empty when unset.
        public var mapping: String
    }

    /// `http`: the server for `/metrics`, `/ping`, `/ready`.
    public struct HTTP: Sendable {
        public var enabled: Bool
        public var address: String
        public var rootPath: String
        public var debugEndpoints: Bool
    }

    // MARK: - Loading

    /// Loads a config file (plus resource files and `--set` overrides).
    /// - Throws: `ConfigError` for unreadable files, syntax errors, unset variables and
    ///   fields of the wrong type.
    public static func load(
        file: String?, resources: [String] = [], overrides: [String] = [], loader: ConfigLoader = ConfigLoader()
    ) throws(ConfigError) -> StreamConfig {
        let root = try loader.load(file: file, resources: resources, overrides: overrides)
        let base = file.map { ($0 as NSString).deletingLastPathComponent } ?? FileManager.default.currentDirectoryPath
        return try StreamConfig(root, baseDirectory: base.isEmpty ? FileManager.default.currentDirectoryPath : base)
    }

    /// Reads the top-level fields of a loaded tree.
    /// - Throws: `ConfigError` for a field of the wrong type or a resource without a label.
    public init(_ root: ConfigNode, baseDirectory: String = FileManager.default.currentDirectoryPath) throws(ConfigError) {
        self.root = root
        self.baseDirectory = baseDirectory
        var warnings: [ConfigError] = []
        switch root {
        case .mapping, .null: break
        default:
            throw ConfigError("expected object value, got \(ConfigLoader.shortTag(root))", path: "", location: root.location)
        }
        let top = Fields(node: root, path: "")

        input = top.present("input")
        output = top.present("output")
        tests = top.present("tests")

        let pipe = try top.object("pipeline")
        pipeline = Pipeline(threadsSetting: try pipe.int("threads", default: -1), processors: pipe.present("processors"))

        inputResources = try Self.resources(top, "input_resources")
        processorResources = try Self.resources(top, "processor_resources")
        outputResources = try Self.resources(top, "output_resources")

        let log = try top.object("logger")
        let levelName = try log.string("level", default: "INFO").uppercased()
        guard let level = Self.logLevels[levelName] else {
            throw log.error("value \(levelName) is not a valid option for this field", field: "level")
        }
        let formatName = try log.string("format", default: "logfmt")
        guard let format = StructuredLogger.Format(rawValue: formatName.lowercased()) else {
            throw log.error("value \(formatName) is not a valid option for this field", field: "format")
        }
        logger = Logger(
            levelName: levelName, level: level, format: format, addTimestamp: try log.bool("add_timestamp", default: true),
            levelKey: try log.string("level_name", default: "level"), messageKey: try log.string("message_name", default: "msg"),
            timestampKey: try log.string("timestamp_name", default: "time"),
            staticFields: try log.stringMap("static_fields", default: ["@service": "sluice"]))

        let m = try top.object("metrics")
        var backend = "prometheus"
        var options: ConfigNode?
        let backends = m.node.keys.filter { $0 != "mapping" }
        if let chosen = backends.first {
            if backends.count > 1 {
                throw m.error(
                    "metrics may name only one backend, found \(backends.joined(separator: " and "))", field: backends[1])
            }
            options = m.present(chosen)
            if Self.metricsBackends.contains(chosen) {
                backend = chosen
            } else {
                warnings.append(
                    ConfigError(
                        "metrics backend \(chosen) is not supported, metrics are served in the prometheus format instead",
                        path: m.path(chosen), location: m.keyLocation(chosen), severity: .warning))
            }
        }
        metrics = Metrics(backend: backend, options: options, mapping: try m.string("mapping", default: ""))

        let h = try top.object("http")
        http = HTTP(
            enabled: try h.bool("enabled", default: true), address: try h.string("address", default: "0.0.0.0:4195"),
            rootPath: try h.string("root_path", default: "/benthos"),
            debugEndpoints: try h.bool("debug_endpoints", default: false))

        shutdownTimeout = try top.duration("shutdown_timeout", default: "20s")
        shutdownDelay = try top.duration("shutdown_delay", default: "0s")
        self.warnings = warnings
    }

    /// `logger.level` names (any case) and the level each stands for.
    static let logLevels: [String: StructuredLogger.Level] = [
        "OFF": .off, "NONE": .off, "FATAL": .off, "ERROR": .error, "WARN": .warn, "WARNING": .warn, "INFO": .info,
        "DEBUG": .debug, "TRACE": .trace, "ALL": .trace,
    ]

    /// The metrics backends sluice implements.
    public static let metricsBackends: Set<String> = ["prometheus", "none"]

    static func resources(_ top: Fields, _ name: String) throws(ConfigError) -> [Resource] {
        guard let node = top.present(name) else { return [] }
        guard case .sequence(let items, _) = node else {
            throw ConfigError("expected array value", path: name, location: node.location)
        }
        var out: [Resource] = []
        for (i, item) in items.enumerated() {
            let path = "\(name)[\(i)]"
            guard let label = item["label"]?.scalarText, !label.isEmpty else {
                throw ConfigError("a resource must have a label", path: path, location: item.location)
            }
            out.append(Resource(label: label, node: item, path: path))
        }
        return out
    }

    /// The resource of `kind` labelled `label`.
    public func resource(_ kind: ComponentSpec.Kind, _ label: String) -> Resource? {
        switch kind {
        case .input: inputResources.first { $0.label == label }
        case .processor: processorResources.first { $0.label == label }
        case .output: outputResources.first { $0.label == label }
        }
    }

    // MARK: - Field access for the fixed (non-component) sections

    /// Typed reads of an object's fields with defaults, errors naming the path and line.
    struct Fields {
        var node: ConfigNode
        var path: String

        func path(_ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }

        /// The field's node, nil when absent or null.
        func present(_ name: String) -> ConfigNode? {
            guard let n = node[name] else { return nil }
            if case .null = n { return nil }
            return n
        }

        func keyLocation(_ name: String) -> ConfigLocation? {
            guard case .mapping(let entries, _) = node else { return nil }
            return entries.last { $0.key == name }?.keyLocation
        }

        func error(_ message: String, field: String) -> ConfigError {
            ConfigError(message, path: path(field), location: present(field)?.location ?? keyLocation(field) ?? node.location)
        }

        func object(_ name: String) throws(ConfigError) -> Fields {
            guard let n = present(name) else { return Fields(node: .mapping([], node.location), path: path(name)) }
            guard case .mapping = n else {
                throw error("expected object value, got \(ConfigLoader.shortTag(n))", field: name)
            }
            return Fields(node: n, path: path(name))
        }

        func string(_ name: String, default d: String) throws(ConfigError) -> String {
            guard let n = present(name) else { return d }
            guard case .scalar(let s, _, _) = n else { throw error("expected string value", field: name) }
            return s
        }

        func int(_ name: String, default d: Int) throws(ConfigError) -> Int {
            guard let n = present(name) else { return d }
            guard case .int(let i) = ConfigValues.value(of: n) else {
                throw error("expected int value, got \(ConfigLoader.shortTag(n))", field: name)
            }
            return Int(i)
        }

        func bool(_ name: String, default d: Bool) throws(ConfigError) -> Bool {
            guard let n = present(name) else { return d }
            guard case .bool(let b) = ConfigValues.value(of: n) else {
                throw error("expected bool value, got \(ConfigLoader.shortTag(n))", field: name)
            }
            return b
        }

        func duration(_ name: String, default d: String) throws(ConfigError) -> Double {
            let text = try string(name, default: d)
            do {
                return Double(try GoDuration.parse(text)) / 1e9
            } catch {
                throw self.error("invalid duration \(GoStrconv.quote(text)): \(error.message)", field: name)
            }
        }

        func stringMap(_ name: String, default d: [String: String]) throws(ConfigError) -> [String: String] {
            guard let n = present(name) else { return d }
            guard case .mapping(let entries, _) = n else {
                throw error("expected object value, got \(ConfigLoader.shortTag(n))", field: name)
            }
            var out: [String: String] = [:]
            for e in entries {
                guard case .scalar(let s, _, _) = e.value else {
                    throw ConfigError("expected string value", path: "\(path(name)).\(e.key)", location: e.value.location)
                }
                out[e.key] = s
            }
            return out
        }
    }
}
