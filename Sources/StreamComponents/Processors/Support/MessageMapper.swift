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
    private let contexts: ContextPool

    /// Parses the mapping in `field` of `config`.
    init(_ config: ComponentConfig, _ field: String, _ ctx: BuildContext, onto: Bool = false) throws(ConfigError) {
        mapping = try ctx.mapping(config, field)
        mayRecurse = MessageMapper.mayRecurse(mapping)
        contexts = ContextPool(mapping)
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

    /// Runs `body` with an evaluation context of this mapping that no one else is using
    /// (reused across calls).
    func withContext<T, E: Error>(_ body: (EvalContext) throws(E) -> T) throws(E) -> T {
        try contexts.withContext(body)
    }

    // MARK: - Batches as mappings see them

    /// The messages of a batch for `.from()`; empty for a batch of one (the context's own
    /// message is used then).
    static func batchMessages(_ batch: Batch) -> [BatchMessage] {
        guard batch.count > 1 else { return [] }
        return batch.map { BatchMessage(content: $0.content, metadata: $0.metadata, structured: nil) }
    }

    /// Loads message `index` of a batch of `size` into `ctx` (content, `this`, error, batch
    /// position), with `metadata` as the metadata the mapping reads and writes. `message` keeps
    /// the parsed document for later readers.
    func load(
        _ ctx: EvalContext, mapping m: Mapping, message: inout Message, index: Int, size: Int,
        metadata: [String: Value], batch: [BatchMessage]
    ) {
        var this: Value?
        if m.readsThis { this = try? message.structured() } else { this = .null }
        m.prepare(ctx, content: message.content, this: this, metadata: metadata)
        ctx.messageError = message.error
        ctx.batchIndex = index
        ctx.batchSize = size
        ctx.batch = batch
    }

    // MARK: - Running

    /// Maps message `index` of `reference` into a new message: `nil` when the mapping deleted it.
    /// The reference batch keeps the parsed document of the message for later mappings.
    func mapPart(
        _ ctx: EvalContext, reference: inout Batch, index: Int, batch: [BatchMessage]
    ) throws(RuntimeError) -> Message? {
        let size = reference.count
        return try mapPart(ctx, message: &reference[index], index: index, size: size, batch: batch)
    }

    /// Maps `message`, at `index` of a batch of `size`, into a new message: `nil` when the
    /// mapping deleted it.
    func mapPart(
        _ ctx: EvalContext, message: inout Message, index: Int, size: Int, batch: [BatchMessage]
    ) throws(RuntimeError) -> Message? {
        var out = message
        load(ctx, mapping: mapping, message: &message, index: index, size: size, metadata: out.metadata, batch: batch)
        try mapping.execute(ctx)
        out.metadata = ctx.metadata
        return MessageMapper.apply(ctx.root, to: out)
    }

    /// Maps onto `target`, whose document is the starting root, reading message `index` of
    /// `reference`. Returns the changed target, or `nil` when the mapping deleted it.
    func mapOnto(
        _ target: Message, _ ctx: EvalContext, reference: inout Batch, index: Int, batch: [BatchMessage],
        thisFollowsRoot: Bool = false
    ) throws(RuntimeError) -> Message? {
        let size = reference.count
        return try mapOnto(
            target, ctx, message: &reference[index], index: index, size: size, batch: batch,
            thisFollowsRoot: thisFollowsRoot)
    }

    /// Maps onto `target`, whose document is the starting root, reading `message` (at `index`
    /// of a batch of `size`). Returns the changed target, or `nil` when the mapping deleted it.
    func mapOnto(
        _ target: Message, _ ctx: EvalContext, message: inout Message, index: Int, size: Int,
        batch: [BatchMessage], thisFollowsRoot: Bool = false
    ) throws(RuntimeError) -> Message? {
        var out = target
        let start: Value? = try? out.structured()
        load(ctx, mapping: mapping, message: &message, index: index, size: size, metadata: out.metadata, batch: batch)
        if let start {
            try mapping.execute(ctx, onto: start, thisFollowsRoot: thisFollowsRoot)
        } else {
            try mapping.execute(ctx)
        }
        out.metadata = ctx.metadata
        return MessageMapper.apply(ctx.root, to: out)
    }

    /// Runs `each` on every message of `batch` with one context, as the `mapping` and
    /// `mutation` processors do: the results in order, deleted messages left out, and a message
    /// `each` failed on kept with the error flagged (and logged). `each` gets the context, the
    /// message (to parse in place), its index and the batch for `.from()`.
    func mapEach(
        _ batch: Batch, logger: StructuredLogger,
        _ each: (EvalContext, inout Message, Int, [BatchMessage]) throws(RuntimeError) -> Message?
    ) -> [Batch] {
        withContext { ctx in
            let batchMessages = MessageMapper.batchMessages(batch)
            var out: Batch = []
            out.reserveCapacity(batch.count)
            for i in batch.indices {
                do throws(RuntimeError) {
                    var message = batch[i]
                    if let m = try each(ctx, &message, i, batchMessages) { out.append(m) }
                } catch {
                    logger.error(error.message)
                    var failed = batch[i]
                    failed.error = error.message
                    out.append(failed)
                }
            }
            return out.isEmpty ? [] : [out]
        }
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
