import Bloblang
import Synchronization

/// Named counters shared by every mapping in the process, as Benthos's `count` keeps them.
final class NamedCounters: Sendable {
    static let shared = NamedCounters()
    private let counters = Mutex<[String: Int64]>([:])
    func next(_ name: String) -> Int64 {
        counters.withLock { c in
            let v = (c[name] ?? 0) + 1
            c[name] = v
            return v
        }
    }
}

extension FunctionSpec {
    static let count = FunctionSpec(
        "count", category: .general, status: .deprecated,
        summary: "Increments the process-wide counter called `name` and gives its new value; prefer `counter()`.",
        params: [.string("name", "The counter's name.")],
        impure: true,
        examples: [Example(#"root.n = count("docs")"#, pairs: [.init("{}", #"{"n":1}"#), .init("{}", #"{"n":2}"#)])]
    ) { args, _ in .int(NamedCounters.shared.next(args.string(0))) }
}
