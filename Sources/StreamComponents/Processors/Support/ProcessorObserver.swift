import Bloblang
import StreamRuntime

/// Who a processor is (type, label, config path) and its logger (with `label` and `path`
/// fields).
///
/// Benthos counts the `processor_*` metrics for every processor, nested ones included. The
/// stream builder wraps the top-level processors and resources in `ObservedProcessor`; the
/// composite processors here wrap their children the same way (`buildChildren`).
struct ProcessorObserver: Sendable {
    /// The component type, e.g. `mapping`.
    let name: String
    let label: String
    /// Benthos's form of the config path, e.g. `root.pipeline.processors.0`.
    let path: String
    let logger: StructuredLogger

    init(_ config: ComponentConfig, _ ctx: BuildContext) {
        self.name = config.spec.name
        self.label = config.label ?? ""
        self.path = ProcessorObserver.benthosPath(config.path, name: config.spec.name)
        self.logger = ctx.logger.with(["label": .string(label), "path": .string(path)])
    }

    /// `pipeline.processors[0].try[1].mapping` → `root.pipeline.processors.0.try.1`.
    static func benthosPath(_ configPath: String, name: String) -> String {
        var p = configPath
        if p.hasSuffix(".\(name)") { p.removeLast(name.count + 1) }
        var out = "root"
        for part in p.split(separator: ".", omittingEmptySubsequences: true) {
            var s = Substring(part)
            // `processors[0][1]` → `processors`, `0`, `1`
            if let open = s.firstIndex(of: "[") {
                out += "." + s[..<open]
                s = s[open...]
                for idx in s.split(separator: "[") { out += "." + idx.replacingOccurrences(of: "]", with: "") }
            } else {
                out += "." + s
            }
        }
        return out
    }

    /// Builds a list of child processors (`processors: [...]`), each wrapped so that it
    /// records the `processor_*` metrics under its own label and path.
    static func buildChildren(_ ctx: BuildContext, _ node: ConfigNode?, path: String) throws(ConfigError) -> [any Processor] {
        let built = try ctx.buildProcessors(node, path: path)
        guard case .sequence(let items, _)? = node, items.count == built.count else { return built }
        var out: [any Processor] = []
        for (i, (item, p)) in zip(items, built).enumerated() {
            let itemPath = "\(path)[\(i)]"
            let (spec, _, label) = try ctx.componentParts(item, kind: .processor, path: itemPath)
            let info = ComponentInfo(type: spec.name, label: label ?? "", path: benthosPath(itemPath, name: ""))
            out.append(ObservedProcessor(p, info: info, metrics: ctx.metrics))
        }
        return out
    }
}
