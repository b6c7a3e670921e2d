import Bloblang
import StreamRuntime

/// Runs a Bloblang mapping over the messages of a batch the two ways Benthos's mapping
/// executor does:
///
/// - `mapPart`: the result starts from an empty root; when nothing is assigned to `root` the
///   message keeps its content. Metadata starts as the message's own and takes the mapping's
///   changes. (The `mapping` and `bloblang` processors, `request_map`, checks.)
/// - `mapOnto`: the root starts as the document of a target message, which is changed in place
///   (the `mutation` processor, `result_map`).
///
/// `this`, `content()`, `error()` and `batch_index()` read the reference batch, and `.from()`
/// reads any message of it.
struct MessageMapper: Sendable {
    let mapping: Mapping
    /// True when the mapping may recurse (a named map that applies a map): it then runs on a
    /// thread with a large stack. Most mappings do not, and run inline on the caller's task.
    let mayRecurse: Bool

    /// Parses the mapping in `field` of `config`.
    init(_ config: ComponentConfig, _ field: String, _ ctx: BuildContext, onto: Bool = false) throws(ConfigError) {
        mapping = try ctx.mapping(config, field)
        mayRecurse = MessageMapper.mayRecurse(mapping)
    }

    /// True when a parsed mapping has named maps (its own or imported ones) and its text
    /// may make them recurse.
    static func mayRecurse(_ mapping: Mapping) -> Bool {
        mapping.hasNamedMaps && RecursionScan.mayRecurse(mapping.source.text)
    }

    /// Runs `body`, which evaluates this mapping, where the stack is deep enough for it.
    func evaluate<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await MessageMapper.evaluate(deep: mayRecurse, body)
    }

    /// Runs `body` on a large-stack thread when `deep`, inline otherwise.
    static func evaluate<T: Sendable>(deep: Bool, _ body: @escaping @Sendable () -> T) async -> T {
        deep ? await DeepStackPool.shared.run(body) : body()
    }

    /// A fresh evaluation context. Contexts are not thread-safe: use one per task.
    func makeContext() -> EvalContext { mapping.makeContext() }

    // MARK: - Batches as mappings see them

    /// The messages of a batch for `.from()`; empty for a batch of one (the context's own
    /// message is used then).
    static func batchMessages(_ batch: Batch) -> [BatchMessage] {
        guard batch.count > 1 else { return [] }
        return batch.map { BatchMessage(content: $0.content, metadata: $0.metadata, structured: nil) }
    }

    /// Loads message `index` of `reference` into `ctx` (content, `this`, error, batch position),
    /// with `metadata` as the metadata the mapping reads and writes.
    func load(
        _ ctx: EvalContext, mapping m: Mapping, reference: inout Batch, index: Int, metadata: [String: Value],
        batch: [BatchMessage]
    ) {
        var this: Value?
        if m.readsThis { this = try? reference[index].structured() } else { this = .null }
        m.prepare(ctx, content: reference[index].content, this: this, metadata: metadata)
        ctx.messageError = reference[index].error
        ctx.batchIndex = index
        ctx.batchSize = reference.count
        ctx.batch = batch
    }

    // MARK: - Running

    /// Maps message `index` of `reference` into a new message: `nil` when the mapping deleted it.
    func mapPart(
        _ ctx: EvalContext, reference: inout Batch, index: Int, batch: [BatchMessage]
    ) throws(RuntimeError)
        -> Message?
    {
        var out = reference[index]
        load(ctx, mapping: mapping, reference: &reference, index: index, metadata: out.metadata, batch: batch)
        try mapping.execute(ctx)
        out.metadata = ctx.metadata
        return MessageMapper.apply(ctx.root, to: out)
    }

    /// Maps onto `target`, whose document is the starting root, reading message `index` of
    /// `reference`. Returns the changed target, or `nil` when the mapping deleted it.
    func mapOnto(
        _ target: Message, _ ctx: EvalContext, reference: inout Batch, index: Int, batch: [BatchMessage],
        thisFollowsRoot: Bool = false
    )
        throws(RuntimeError) -> Message?
    {
        var out = target
        let start: Value? = try? out.structured()
        load(ctx, mapping: mapping, reference: &reference, index: index, metadata: out.metadata, batch: batch)
        if let start {
            try mapping.execute(ctx, onto: start, thisFollowsRoot: thisFollowsRoot)
        } else {
            try mapping.execute(ctx)
        }
        out.metadata = ctx.metadata
        return MessageMapper.apply(ctx.root, to: out)
    }

    /// Sets the mapping result as the content of `message` (Benthos: strings and bytes become
    /// raw content, other values structured); `nothing` keeps the content, `delete` drops it.
    static func apply(_ root: Value, to message: Message) -> Message? {
        var out = message
        switch root {
        case .delete: return nil
        case .nothing: break
        case .string(let s): out.setContent(Array(s.utf8))
        case .bytes(let b): out.setContent(b)
        default: out.setStructured(root)
        }
        return out
    }

    /// Runs the mapping as a condition on message `index` (Benthos's `QueryPart`): the result
    /// must be a boolean.
    func query(_ ctx: EvalContext, reference: inout Batch, index: Int, batch: [BatchMessage]) throws(RuntimeError) -> Bool {
        guard var result = try mapPart(ctx, reference: &reference, index: index, batch: batch) else {
            throw RuntimeError("query mapping resulted in deleted message, expected a boolean value")
        }
        let v = try result.structured()
        if case .bool(let b) = v { return b }
        throw RuntimeError.type(expected: [.bool], got: v, from: "mapping")
    }
}
