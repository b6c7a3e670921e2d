/// A parsed mapping, ready to run many times.
///
/// A `Mapping` is immutable and can be shared across threads; each execution uses its own
/// `EvalContext`.
public final class Mapping: Sendable {
    public let environment: Environment
    public let source: SourceFile
    let body: StatementBlock
    let maps: [String: MapDefinition]
    /// False when no statement reads `this`, so a message need not be parsed as JSON.
    public let readsThis: Bool
    /// True when the mapping has named maps (its own or imported): only `apply` of a named map
    /// can recurse deeply.
    public var hasNamedMaps: Bool { !maps.isEmpty }

    init(environment: Environment, source: SourceFile, body: StatementBlock, maps: [String: MapDefinition], readsThis: Bool) {
        self.environment = environment
        self.source = source
        self.body = body
        self.maps = maps
        self.readsThis = readsThis
    }

    /// A fresh context for running this mapping.
    public func makeContext() -> EvalContext {
        let ctx = EvalContext(environment: environment)
        ctx.maps = maps
        return ctx
    }

    /// Runs the statements against a prepared context. On return `ctx.root` holds the new
    /// document (`.nothing` when nothing was assigned, `.delete` when the message was deleted)
    /// and `ctx.metadata` the new metadata.
    public func execute(_ ctx: EvalContext) throws(RuntimeError) {
        try execute(ctx, onto: .nothing)
    }

    /// Runs the statements with `root` starting as `start` (the `mutation` processor and
    /// branch result maps change a document in place). With `thisFollowsRoot`, `this` reads
    /// the document as it is being changed, as Benthos's mutations do.
    public func execute(_ ctx: EvalContext, onto start: Value, thisFollowsRoot: Bool = false) throws(RuntimeError) {
        ctx.vars.removeAll(keepingCapacity: true)
        if ctx.maps.isEmpty, !maps.isEmpty { ctx.maps = maps }
        ctx.root = start
        ctx.thisFollowsRoot = thisFollowsRoot
        defer { ctx.thisFollowsRoot = false }
        try body.run(ctx)
    }

    /// Resets `ctx` for a new message: `this`, content and metadata.
    public func prepare(
        _ ctx: EvalContext, content: [UInt8], this: Value? = nil, metadata: [String: Value] = [:]
    ) {
        ctx.content = content
        ctx.metadata = metadata
        ctx.messageError = nil
        if let this {
            ctx.setThis(this)
        } else if readsThis {
            do {
                ctx.setThis(try JSONReader.parse(content))
            } catch {
                ctx.setThis(
                    .null,
                    failure: RuntimeError(
                        "unable to reference message as structured (with 'this'): parse as json: \(error.message)"))
            }
        } else {
            ctx.setThis(.null)
        }
    }

    /// Runs the mapping on one value and returns the new document, as a convenience for
    /// tests and embedding. `nil` means the message was deleted; an unassigned root gives the
    /// input back.
    public func apply(to input: Value, metadata: [String: Value] = [:]) throws(RuntimeError) -> Value? {
        let ctx = makeContext()
        ctx.content = JSONWriter.compact(input)
        ctx.metadata = metadata
        ctx.setThis(input)
        try execute(ctx)
        switch ctx.root {
        case .delete: return nil
        case .nothing: return input
        default: return ctx.root
        }
    }
}
