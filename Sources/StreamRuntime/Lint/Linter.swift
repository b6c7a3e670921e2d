import Bloblang
import BloblangStdlib
import Foundation

/// Lints whole config files: top-level fields, every component (recursively), resources,
/// labels and Bloblang inside fields. Returns every problem (errors and warnings) sorted by
/// position; it never stops at the first.
public struct Linter: Sendable {
    public var registry: ComponentRegistry
    /// The Bloblang environment mappings are parsed with; imports resolve against the folder
    /// of the file being linted.
    public var environment: Environment
    public var loader: ConfigLoader

    /// A linter for configs using the components of `registry`; `loader` reads files and
    /// replaces environment variables.
    public init(registry: ComponentRegistry, environment: Environment = .standard, loader: ConfigLoader = ConfigLoader()) {
        self.registry = registry
        self.environment = environment
        self.loader = loader
    }

    // MARK: - Entry points

    /// Lints a config file, with optional resource files merged in. Files that cannot be read
    /// or parsed give one issue.
    public func lint(file: String, resources: [String] = []) -> [ConfigError] {
        do {
            let (root, issues) = try loader.loadCollectingIssues(file: file, resources: resources)
            return Self.sorted(issues + lint(root, baseDirectory: Self.folder(of: file)))
        } catch {
            return [error]
        }
    }

    /// Lints config text (`file` names it in locations).
    public func lint(yaml: String, file: String? = nil, baseDirectory: String? = nil) -> [ConfigError] {
        do {
            let doc = try loader.parse(yaml, file: file)
            let base = baseDirectory ?? file.map(Self.folder(of:)) ?? FileManager.default.currentDirectoryPath
            return Self.sorted(doc.issues + lint(doc.root, baseDirectory: base))
        } catch {
            return [error]
        }
    }

    /// Lints a loaded config tree.
    public func lint(_ root: ConfigNode, baseDirectory: String = FileManager.default.currentDirectoryPath) -> [ConfigError] {
        let walker = ConfigWalker(registry: registry, environment: importing(from: baseDirectory))
        var labels: [String: ConfigLocation] = [:]
        var references: [(kind: ComponentSpec.Kind, name: String, path: String, location: ConfigLocation)] = []
        walker.onComponent = { [unowned walker] visit in
            if let label = visit.label, !label.isEmpty, let at = visit.labelLocation {
                if let previous = labels[label] {
                    walker.error(
                        "label '\(label)' collides with a previously defined label at line \(previous.line)",
                        path: ConfigWalker.join(visit.path, "label"), at: at)
                } else {
                    labels[label] = at
                }
            }
            if visit.spec.name == "resource", case .scalar(let name, let at, _) = visit.body {
                references.append((visit.kind, name, ConfigWalker.join(visit.path, visit.name), at))
            }
        }
        switch root {
        case .mapping, .null:
            walker.fields(root, StreamConfig.fields, path: "")
        default:
            walker.error("expected object value, got \(ConfigLoader.shortTag(root))", path: "", at: root.location)
            return walker.issues
        }
        lintResources(root, walker)
        lintMetrics(root, walker)
        lintUnsupported(root, walker)
        let defined = Self.resourceLabels(root)
        for r in references where !(defined[r.kind]?.contains(r.name) ?? false) {
            walker.warning(
                "no \(r.kind.rawValue) resource labelled \(r.name) is defined in this config",
                path: r.path, at: r.location)
        }
        return Self.sorted(walker.issues)
    }

    /// Lints one component node of `kind` (as in a component's example config).
    public func lintComponent(
        _ node: ConfigNode, kind: ComponentSpec.Kind, path: String = "",
        baseDirectory: String = FileManager.default.currentDirectoryPath
    ) -> [ConfigError] {
        Self.sorted(
            ConfigChecker.checkComponent(
                node, kind: kind, path: path, registry: registry, environment: importing(from: baseDirectory)))
    }

    /// Lints a component's example: a whole config when it has top-level config keys
    /// (`input`, `pipeline`, `output`, …), otherwise a component node of the spec's kind.
    public func lintExample(_ example: ConfigExample, of spec: ComponentSpec) -> [ConfigError] {
        let root: ConfigNode
        do {
            root = try ConfigLoader.parseYAML(example.yaml, file: "\(spec.name) example \"\(example.title)\"")
        } catch {
            return [error]
        }
        // A whole config, unless the example is just the component itself (a processor called
        // `http` shares its name with the top-level `http` section).
        let topLevel = Set(StreamConfig.fields.map(\.name))
        let isComponent = root.keys == [spec.name] || root.keys.sorted() == ["label", spec.name].sorted()
        if !isComponent && root.keys.contains(where: { topLevel.contains($0) }) { return lint(root) }
        return lintComponent(root, kind: spec.kind)
    }

    // MARK: - Whole-file checks

    func lintResources(_ root: ConfigNode, _ walker: ConfigWalker) {
        for key in ["input_resources", "processor_resources", "output_resources"] {
            guard case .sequence(let items, _)? = root[key] else { continue }
            for (i, item) in items.enumerated() {
                guard case .mapping = item else { continue }
                let label = item["label"]?.scalarText ?? ""
                if label.isEmpty {
                    walker.error("a resource must have a label", path: "\(key)[\(i)]", at: item.location)
                }
            }
        }
    }

    func lintMetrics(_ root: ConfigNode, _ walker: ConfigWalker) {
        guard let metrics = root["metrics"], !ConfigWalker.isNull(metrics) else { return }
        guard case .mapping(let entries, _) = metrics else {
            walker.error("expected object value, got \(ConfigLoader.shortTag(metrics))", path: "metrics", at: metrics.location)
            return
        }
        var backends: [String] = []
        for e in entries {
            let path = "metrics.\(e.key)"
            if e.key == "mapping" {
                walker.value(e.value, .bloblang, field: nil, path: path)
                continue
            }
            backends.append(e.key)
            if backends.count > 1 {
                walker.error(
                    "metrics may name only one backend, found \(backends[0]) and \(e.key)", path: path, at: e.keyLocation)
            } else if !StreamConfig.metricsBackends.contains(e.key) {
                walker.warning(
                    "metrics backend \(e.key) is not supported, metrics are served in the prometheus format instead",
                    path: path, at: e.keyLocation)
            }
            if !ConfigWalker.isNull(e.value), case .scalar = e.value {
                walker.error("expected object value, got \(ConfigLoader.shortTag(e.value))", path: path, at: e.value.location)
            }
        }
    }

    func lintUnsupported(_ root: ConfigNode, _ walker: ConfigWalker) {
        for key in ["buffer", "tracer"] {
            guard let node = root[key], case .mapping(let entries, _) = node else { continue }
            for e in entries where e.key != "none" {
                walker.warning("\(key) type \(e.key) is not supported and is ignored", path: "\(key).\(e.key)", at: e.keyLocation)
            }
        }
        for key in ["cache_resources", "rate_limit_resources"] {
            if case .sequence(let items, let loc)? = root[key], !items.isEmpty {
                walker.warning("\(key) are not supported and are ignored", path: key, at: loc)
            }
        }
    }

    /// The labels of the resources of each kind.
    static func resourceLabels(_ root: ConfigNode) -> [ComponentSpec.Kind: Set<String>] {
        var out: [ComponentSpec.Kind: Set<String>] = [:]
        for (key, kind) in [
            ("input_resources", ComponentSpec.Kind.input), ("processor_resources", .processor),
            ("output_resources", .output),
        ] {
            guard case .sequence(let items, _)? = root[key] else { continue }
            for item in items { if let l = item["label"]?.scalarText { out[kind, default: []].insert(l) } }
        }
        return out
    }

    // MARK: - Helpers

    func importing(from base: String) -> Environment {
        environment.with(importer: { path in
            let resolved = path.hasPrefix("/") ? path : (base as NSString).appendingPathComponent(path)
            return try String(contentsOfFile: resolved, encoding: .utf8)
        })
    }

    static func folder(of file: String) -> String {
        let dir = (file as NSString).deletingLastPathComponent
        return dir.isEmpty ? FileManager.default.currentDirectoryPath : dir
    }

    /// Issues in file order (issues without a location first), stable otherwise.
    static func sorted(_ issues: [ConfigError]) -> [ConfigError] {
        issues.enumerated().sorted { a, b in
            let x = a.element.location, y = b.element.location
            let kx = (x?.file ?? "", x?.line ?? 0, x?.column ?? 0)
            let ky = (y?.file ?? "", y?.line ?? 0, y?.column ?? 0)
            return kx != ky ? kx < ky : a.offset < b.offset
        }.map(\.element)
    }
}
