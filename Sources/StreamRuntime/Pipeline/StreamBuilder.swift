import Bloblang
import BloblangStdlib
import Foundation

/// Builds a runnable stream from a loaded config: logger, metrics, resources, input,
/// `pipeline.processors` (plus the `processors` of the input and output), output and the
/// HTTP endpoints.
///
/// ```swift
/// let config = try StreamConfig.load(file: "config.yaml")
/// let service = try StreamBuilder(registry: StreamComponents.registry).build(config)
/// try await service.run()
/// ```
public struct StreamBuilder: Sendable {
    public var registry: ComponentRegistry
    public var environment: Environment
    /// Where log lines go. Nil picks Benthos's choice: standard error when the output is
    /// `stdout` (so logs do not mix with data), standard output otherwise.
    public var logSink: LogSink?
    /// Overrides `logger.level` (the `--log.level` flag).
    public var logLevelOverride: StructuredLogger.Level?

    public init(
        registry: ComponentRegistry, environment: Environment = .standard, logSink: LogSink? = nil,
        logLevelOverride: StructuredLogger.Level? = nil
    ) {
        self.registry = registry
        self.environment = environment
        self.logSink = logSink
        self.logLevelOverride = logLevelOverride
    }

    /// Builds from a root config node (after env interpolation, resources and overrides).
    public func build(
        root: ConfigNode, baseDirectory: String = FileManager.default.currentDirectoryPath
    )
        throws(ConfigError) -> StreamService
    {
        try build(StreamConfig(root, baseDirectory: baseDirectory))
    }

    /// Builds every component of the config.
    /// - Throws: `ConfigError` naming the YAML path and line of the first problem.
    public func build(_ config: StreamConfig) throws(ConfigError) -> StreamService {
        let inputNode = config.input ?? defaultComponent(.input, "stdin", inline: .mapping([], config.root.location))
        let outputNode = config.output ?? defaultComponent(.output, "stdout", inline: .mapping([], config.root.location))
        let (inputBody, inputProcs) = Self.splitProcessors(inputNode)
        let (outputBody, outputProcs) = Self.splitProcessors(outputNode)

        let logger = try makeLogger(config, outputType: try? componentType(outputBody, .output, "output"))
        let metrics = try makeMetrics(config, logger: logger)
        let ctx = BuildContext(
            registry: registry, baseDirectory: config.baseDirectory, logger: logger, metrics: metrics,
            environment: environment)

        // Resources first: components may refer to them by label.
        for (i, r) in config.processorResources.enumerated() {
            let p = try ctx.buildProcessor(r.node, path: r.path)
            let info = ComponentInfo(
                type: (try? componentType(r.node, .processor, r.path)) ?? "", label: r.label,
                path: "root.processor_resources.\(i)")
            ctx.addResource(r.label, .processor(ObservedProcessor(p, info: info, metrics: metrics)))
        }
        for r in config.inputResources {
            ctx.addResource(r.label, .input(try ctx.buildInput(r.node, path: r.path)))
        }
        for r in config.outputResources {
            ctx.addResource(r.label, .output(try ctx.buildOutput(r.node, path: r.path)))
        }

        let (inSpec, _, inLabel) = try ctx.componentParts(inputBody, kind: .input, path: "input")
        let input = try ctx.buildInput(inputBody, path: "input")
        let (outSpec, outBody, outLabel) = try ctx.componentParts(outputBody, kind: .output, path: "output")
        let output = try ctx.buildOutput(outputBody, path: "output")

        var processors: [any Processor] = []
        func addAll(_ list: ConfigNode?, yamlPath: String, rootPath: String) throws(ConfigError) {
            guard let list else { return }
            if case .null = list { return }
            guard case .sequence(let items, _) = list else {
                throw ConfigError("expected array value", path: yamlPath, location: list.location)
            }
            for (i, item) in items.enumerated() {
                let path = "\(yamlPath)[\(i)]"
                let built = try ctx.buildProcessor(item, path: path)
                let (spec, _, label) = try ctx.componentParts(item, kind: .processor, path: path)
                let info = ComponentInfo(type: spec.name, label: label ?? "", path: "\(rootPath).\(i)")
                processors.append(ObservedProcessor(built, info: info, metrics: metrics))
            }
        }
        try addAll(inputProcs, yamlPath: "input.processors", rootPath: "root.input.processors")
        try addAll(config.pipeline.processors, yamlPath: "pipeline.processors", rootPath: "root.pipeline.processors")
        try addAll(outputProcs, yamlPath: "output.processors", rootPath: "root.output.processors")

        var options = PipelineOptions(threads: config.pipeline.threads)
        if case .int(let n)? = outBody["max_in_flight"].map(ConfigValues.value(of:)), n > 0 {
            options.outputConcurrency = Int(n)
        }
        let pipeline = StreamPipeline(
            input: input, processors: processors, output: output, options: options,
            inputInfo: ComponentInfo(type: inSpec.name, label: inLabel ?? "", path: "root.input"),
            outputInfo: ComponentInfo(type: outSpec.name, label: outLabel ?? "", path: "root.output"),
            metrics: metrics, logger: logger)
        for w in config.warnings { logger.warn(w.description) }
        return StreamService(
            pipeline: pipeline, metrics: metrics, logger: logger,
            http: .init(enabled: config.http.enabled, address: config.http.address, rootPath: config.http.rootPath),
            shutdownTimeout: .nanoseconds(Int64(config.shutdownTimeout * 1e9)),
            shutdownDelay: .nanoseconds(Int64(config.shutdownDelay * 1e9)))
    }

    // MARK: - Parts

    /// `{type: {...}}` for a default input/output, when the registry has that component.
    private func defaultComponent(_ kind: ComponentSpec.Kind, _ name: String, inline: ConfigNode) -> ConfigNode {
        let loc = inline.location
        if registry.spec(kind, name) != nil {
            return .mapping([(key: name, keyLocation: loc, value: inline)], loc)
        }
        return .mapping([], loc)
    }

    private func componentType(_ node: ConfigNode, _ kind: ComponentSpec.Kind, _ path: String) throws -> String {
        let keys = node.keys.filter { $0 != "label" && $0 != "processors" }
        guard let k = keys.first else { throw ConfigError("no type", path: path, location: node.location) }
        return registry.spec(kind, k)?.name ?? k
    }

    /// Takes the Benthos `processors` field off an input or output node.
    static func splitProcessors(_ node: ConfigNode) -> (ConfigNode, ConfigNode?) {
        guard case .mapping(let entries, let loc) = node, entries.contains(where: { $0.key == "processors" }) else {
            return (node, nil)
        }
        let procs = node["processors"]
        return (.mapping(entries.filter { $0.key != "processors" }, loc), procs)
    }

    private func makeLogger(_ config: StreamConfig, outputType: String?) throws(ConfigError) -> StructuredLogger {
        let l = config.logger
        let format = LogLineFormat(
            style: l.format == .json ? .json : .logfmt, addTimestamp: l.addTimestamp, levelName: l.levelKey,
            messageName: l.messageKey, timestampName: l.timestampKey)
        var sink = logSink ?? (outputType == "stdout" ? .standardError : .standardOutput)
        if logSink == nil, let fileNode = config.root["logger"]?["file"]?["path"], let path = fileNode.scalarText,
            !path.isEmpty
        {
            do {
                sink = try LogSink.file(path)
            } catch {
                throw ConfigError(
                    "failed to open log file: \(error.localizedDescription)", path: "logger.file.path",
                    location: fileNode.location)
            }
        }
        return StructuredLogger(
            level: logLevelOverride ?? l.level, lineFormat: format, fields: l.staticFields.mapValues { .string($0) },
            sink: sink)
    }

    private func makeMetrics(_ config: StreamConfig, logger: StructuredLogger) throws(ConfigError) -> MetricsRegistry {
        let m = config.metrics
        if m.backend == "none" { return MetricsRegistry(enabled: false) }
        var timing = MetricsRegistry.TimingFormat.summary
        if let opts = m.options {
            if case .bool(true)? = opts["use_histogram_timing"].map(ConfigValues.value(of:)) {
                var buckets: [Double] = []
                if case .array(let items)? = opts["histogram_buckets"].map(ConfigValues.value(of:)) {
                    buckets = items.compactMap { try? $0.getNumber() }
                }
                timing = .histogram(buckets: buckets.isEmpty ? MetricsRegistry.TimingFormat.defaultBuckets : buckets)
            }
        }
        var rename: MetricsRegistry.Rename?
        if !m.mapping.isEmpty {
            let mapping: Mapping
            do {
                mapping = try environment.parse(m.mapping)
            } catch {
                let loc = config.root["metrics"]?["mapping"]?.location
                throw ConfigError("\(error)", path: "metrics.mapping", location: loc)
            }
            rename = Self.metricsRename(mapping, logger: logger)
        }
        return MetricsRegistry(timingFormat: timing, rename: rename)
    }

    /// Benthos's metrics mapping: `this` is the metric name, metadata are the labels; the
    /// result is the new name (unchanged when the mapping leaves `root` alone, dropped when it
    /// is deleted) and the metadata the new labels.
    static func metricsRename(_ mapping: Mapping, logger: StructuredLogger) -> MetricsRegistry.Rename {
        { name, labels in
            let ctx = mapping.makeContext()
            ctx.setThis(.string(name))
            ctx.content = Array(name.utf8)
            ctx.metadata = labels.mapValues { .string($0) }
            do {
                try mapping.execute(ctx)
            } catch {
                logger.error("Failed to apply path mapping on '\(name)': \(error)")
                return (name, [:])
            }
            let newLabels = ctx.metadata.mapValues(\.plainString)
            switch ctx.root {
            case .delete: return nil
            case .nothing: return (name, newLabels)
            case .string(let s): return (s, newLabels)
            default:
                logger.error("Path mapping returned invalid result, expected string, found \(ctx.root.type.rawValue)")
                return (name, labels)
            }
        }
    }
}
