import Bloblang
import Synchronization

/// The state of one `counter()` call site.
final class CounterState: Sendable {
    let value: Mutex<Int64?> = Mutex(nil)
}

extension FunctionSpec {
    static let counter = FunctionSpec(
        "counter", category: .general,
        summary:
            "A counter kept by this call site: it gives `min` the first time, then one more each call, starting over after `max`.",
        description:
            "`set` is an optional query run on each call: a number resets the counter to it, null gives the current value without counting, `deleted()` resets it to `min`, and `nothing()` (or no result) counts as usual.",
        params: [
            .any("min", "The first value.", default: .int(1)),
            .any("max", "The largest value before starting over at `min`.", default: .int(Int64.max)),
            .query("set", "A query that can reset the counter.").optional(),
        ],
        impure: true,
        examples: [Example(#"root.id = counter()"#, pairs: [.init("{}", #"{"id":1}"#), .init("{}", #"{"id":2}"#)])],
        prepare: { args in
            let state = CounterState()
            let minQ = args[0], maxQ = args[1]
            let setQuery: Query? = args.queries.count > 2 ? args.queries[2] : nil
            return { ctx in
                let lo = try minQ.getInt(), hi = try maxQ.getInt()
                if hi < lo { throw RuntimeError("max (\(hi)) must be greater than min (\(lo))") }
                var reset: Value?
                var peek = false
                if let setQuery {
                    let r = try setQuery.eval(ctx)
                    switch r {
                    case .nothing: break
                    case .null: peek = true
                    case .delete: reset = .int(lo)
                    default: reset = .int(try r.getInt())
                    }
                }
                return .int(
                    try state.value.withLock { (v: inout Int64?) throws(RuntimeError) -> Int64 in
                        if case .int(let r) = reset {
                            v = r
                            return r
                        }
                        if peek, let current = v { return current }
                        guard let current = v, current < hi else {
                            v = lo
                            return lo
                        }
                        v = current + 1
                        return current + 1
                    })
            }
        }
    )
}
