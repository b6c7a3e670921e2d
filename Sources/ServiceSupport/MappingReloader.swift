import Foundation
import StreamRuntime
import Synchronization

/// Makes the `mapping` and `bloblang` processors of a stream reloadable, so that an operator
/// who edits a `.blobl` file (a Kubernetes ConfigMap update) changes a running component.
///
/// How it hooks in without touching the runtime: `registry(wrapping:)` returns the registry
/// with those two specs' build closures wrapped. Each processor built through it is a
/// `ReloadableProcessor` that remembers its config and build context; `reload()` builds all
/// of them again (the build context's importer reads the imported files afresh) and swaps
/// the new processors in. It is all or nothing: when one mapping fails to parse, the error is
/// reported and every old processor keeps serving, so the stages never run a mix of old and
/// new files.
public final class MappingReloader: Sendable {
    /// The processor kinds whose text is a Bloblang mapping.
    public static let reloadableProcessors = ["mapping", "bloblang"]

    private let processors = Mutex<[ReloadableProcessor]>([])

    /// A reloader with nothing registered yet.
    public init() {}

    /// `base` with the mapping processors wrapped so that they register here when built.
    public func registry(wrapping base: ComponentRegistry) -> ComponentRegistry {
        var registry = base
        for name in Self.reloadableProcessors {
            guard var spec = base.spec(.processor, name) else { continue }
            let build = spec.build
            spec.build = { [self] config, context in
                let built = try build(config, context)
                guard case .processor(let first) = built else { return built }
                let reloadable = ReloadableProcessor(first, config: config, context: context, build: build)
                processors.withLock { $0.append(reloadable) }
                return .processor(reloadable)
            }
            registry.register(spec)
        }
        return registry
    }

    /// How many processors are registered.
    public var count: Int { processors.withLock { $0.count } }

    /// Builds every registered processor again and swaps them in when all succeed.
    /// - Throws: the first build error (a `ConfigError` naming the config path and the
    ///   mapping's line); nothing was swapped then.
    public func reload() throws {
        let all = processors.withLock { $0 }
        var rebuilt: [(ReloadableProcessor, any Processor)] = []
        rebuilt.reserveCapacity(all.count)
        for p in all { rebuilt.append((p, try p.rebuild())) }
        for (p, new) in rebuilt { p.swap(new) }
    }
}

/// A processor whose implementation can be replaced while the stream runs. Batches already in
/// it finish on the old implementation; the next batch uses the new one.
final class ReloadableProcessor: Processor {
    private let current: Mutex<any Processor>
    let config: ComponentConfig
    let context: BuildContext
    private let build: @Sendable (ComponentConfig, BuildContext) throws -> Component

    init(
        _ first: any Processor, config: ComponentConfig, context: BuildContext,
        build: @escaping @Sendable (ComponentConfig, BuildContext) throws -> Component
    ) {
        current = Mutex(first)
        self.config = config
        self.context = context
        self.build = build
    }

    /// A new implementation built from the same config (files re-read).
    func rebuild() throws -> any Processor {
        guard case .processor(let p) = try build(config, context) else {
            throw ConfigError("the rebuilt component is not a processor", path: config.path, location: config.node.location)
        }
        return p
    }

    /// Uses `new` from the next batch on. The mapping processors hold no resources, so the
    /// old one needs no closing (and batches in flight may still be using it).
    func swap(_ new: any Processor) {
        current.withLock { $0 = new }
    }

    func process(_ batch: Batch) async -> [Batch] {
        let p = current.withLock { $0 }
        return await p.process(batch)
    }

    func close() async {
        let p = current.withLock { $0 }
        await p.close()
    }
}
