import Bloblang
import BloblangStdlib
import Foundation
import Synchronization

/// What components need while they are built: the registry, the Bloblang environment (with
/// imports relative to the config file), resources, logging and metrics.
public final class BuildContext: Sendable {
    public let registry: ComponentRegistry
    public let environment: Environment
    /// The folder of the config file; relative paths in the config resolve against it.
    public let baseDirectory: String
    public let logger: StructuredLogger
    public let metrics: MetricsRegistry
    private let resources = Mutex<[String: Component]>([:])

    public init(
        registry: ComponentRegistry, baseDirectory: String = FileManager.default.currentDirectoryPath,
        logger: StructuredLogger = StructuredLogger(), metrics: MetricsRegistry = MetricsRegistry(),
        environment: Environment = .standard
    ) {
        self.registry = registry
        self.baseDirectory = baseDirectory
        self.logger = logger
        self.metrics = metrics
        let base = baseDirectory
        self.environment = environment.with(importer: { path in
            let resolved = path.hasPrefix("/") ? path : (base as NSString).appendingPathComponent(path)
            return try String(contentsOfFile: resolved, encoding: .utf8)
        })
    }

    /// Registers a built resource under its label.
    public func addResource(_ label: String, _ component: Component) {
        resources.withLock { $0[label] = component }
    }

    /// The resource called `label`.
    public func resource(_ label: String) -> Component? {
        resources.withLock { $0[label] }
    }

    // MARK: - Building components from config nodes

    /// Splits a component node (`{<name>: {...}, label: x}`) into its name, body and label.
    public func componentParts(_ node: ConfigNode, kind: ComponentSpec.Kind, path: String) throws(ConfigError)
        -> (spec: ComponentSpec, body: ConfigNode, label: String?)
    {
        guard case .mapping(let entries, let loc) = node else {
            throw ConfigError("expected a \(kind.rawValue) object", path: path, location: node.location)
        }
        var label: String?
        var chosen: (String, ConfigLocation, ConfigNode)?
        for e in entries {
            if e.key == "label" {
                label = e.value.scalarText
                continue
            }
            // Inputs and outputs may carry their own `processors`; `build` wraps them.
            if e.key == "processors" && kind != .processor { continue }
            if chosen != nil {
                throw ConfigError("a \(kind.rawValue) may name only one component type, found \(chosen!.0) and \(e.key)",
                                  path: path, location: e.keyLocation)
            }
            chosen = (e.key, e.keyLocation, e.value)
        }
        guard let (name, keyLoc, body) = chosen else {
            throw ConfigError("the \(kind.rawValue) has no type", path: path, location: loc)
        }
        guard let spec = registry.spec(kind, name) else {
            let hint = Suggest.closest(to: name, in: registry.names(kind)).map { ", did you mean \($0)?" } ?? ""
            throw ConfigError("unknown \(kind.rawValue) type \(name)\(hint)", path: path, location: keyLoc)
        }
        return (spec, body, label)
    }

    /// Builds one component of `kind` from its node.
    public func build(_ node: ConfigNode, kind: ComponentSpec.Kind, path: String) throws(ConfigError) -> Component {
        let (spec, body, label) = try componentParts(node, kind: kind, path: path)
        let config = ComponentConfig(spec: spec, node: body, path: "\(path).\(spec.name)", label: label)
        for issue in ConfigChecker.check(config, registry: registry, environment: environment) where issue.severity == .error {
            throw issue
        }
        do {
            let built = try spec.build(config, self)
            guard kind != .processor, let procNode = node["processors"] else { return built }
            let procs = try buildProcessors(procNode, path: "\(path).processors")
            if procs.isEmpty { return built }
            switch built {
            case .input(let i): return .input(ProcessedInput(i, processors: procs))
            case .output(let o): return .output(ProcessedOutput(o, processors: procs))
            case .processor: return built
            }
        } catch let e as ConfigError {
            throw e
        } catch {
            throw ConfigError("\(error)", path: config.path, location: body.location)
        }
    }

    public func buildInput(_ node: ConfigNode, path: String) throws(ConfigError) -> any Input {
        guard case .input(let i) = try build(node, kind: .input, path: path) else {
            throw ConfigError("not an input", path: path, location: node.location)
        }
        return i
    }

    public func buildOutput(_ node: ConfigNode, path: String) throws(ConfigError) -> any Output {
        guard case .output(let o) = try build(node, kind: .output, path: path) else {
            throw ConfigError("not an output", path: path, location: node.location)
        }
        return o
    }

    public func buildProcessor(_ node: ConfigNode, path: String) throws(ConfigError) -> any Processor {
        guard case .processor(let p) = try build(node, kind: .processor, path: path) else {
            throw ConfigError("not a processor", path: path, location: node.location)
        }
        return p
    }

    /// Builds a list of processors (`processors: [...]`).
    public func buildProcessors(_ node: ConfigNode?, path: String) throws(ConfigError) -> [any Processor] {
        guard let node else { return [] }
        if case .null = node { return [] }
        guard case .sequence(let items, _) = node else {
            throw ConfigError("expected a list of processors", path: path, location: node.location)
        }
        var out: [any Processor] = []
        for (i, item) in items.enumerated() { out.append(try buildProcessor(item, path: "\(path)[\(i)]")) }
        return out
    }

    // MARK: - Typed fields that need the environment

    /// A Bloblang mapping field, parsed once.
    public func mapping(_ config: ComponentConfig, _ field: String) throws(ConfigError) -> Mapping {
        let text = try config.string(field)
        do {
            return try environment.parse(text)
        } catch {
            throw ConfigChecker.bloblangError(error, config: config, field: field)
        }
    }

    /// An interpolated string field (`${! ... }`), parsed once.
    public func interpolated(_ config: ComponentConfig, _ field: String) throws(ConfigError) -> InterpolatedString {
        let text = try config.string(field)
        do {
            return try InterpolatedString(text, environment: environment)
        } catch {
            throw ConfigChecker.bloblangError(error, config: config, field: field)
        }
    }

    /// Parses `text`, a value found in `field` of `config` (e.g. one entry of a map of
    /// interpolated strings), as an interpolated string.
    public func interpolated(_ text: String, in config: ComponentConfig, field: String) throws(ConfigError) -> InterpolatedString {
        do {
            return try InterpolatedString(text, environment: environment)
        } catch {
            throw ConfigChecker.bloblangError(error, config: config, field: field)
        }
    }

    /// Resolves a path from the config against the config's folder.
    public func resolvePath(_ path: String) -> String {
        path.hasPrefix("/") ? path : (baseDirectory as NSString).appendingPathComponent(path)
    }
}
