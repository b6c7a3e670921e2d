import Bloblang
import Synchronization

/// Evaluation contexts of one mapping, kept for reuse across batches.
///
/// A context made per batch costs an allocation and, for a mapping with `let` variables, a
/// variable table regrown from empty for every message; a reused context keeps its table's
/// capacity (`Mapping.execute` clears the variables, `Mapping.prepare` resets the message).
/// A context is handed to one caller at a time, so concurrent batches get different ones.
final class ContextPool: @unchecked Sendable {
    private let mapping: Mapping
    /// Guards `free`.
    private let lock = Mutex(())
    private var free: [EvalContext] = []
    /// Contexts kept beyond this many are dropped (more than the threads that run at once).
    private static let keep = 16

    init(_ mapping: Mapping) { self.mapping = mapping }

    /// Runs `body` with a context no one else is using.
    func withContext<T, E: Error>(_ body: (EvalContext) throws(E) -> T) throws(E) -> T {
        let ctx = lock.withLock { _ in free.popLast() } ?? mapping.makeContext()
        defer {
            release(ctx)
            lock.withLock { _ in
                if free.count < Self.keep { free.append(ctx) }
            }
        }
        return try body(ctx)
    }

    /// Drops what the last message left in `ctx` (document, result, variables, batch), so an
    /// idle context holds no message's memory; the variable table keeps its capacity.
    private func release(_ ctx: EvalContext) {
        mapping.prepare(ctx, content: [], this: .null)
        ctx.root = .nothing
        ctx.vars.removeAll(keepingCapacity: true)
        ctx.batch = []
    }
}
