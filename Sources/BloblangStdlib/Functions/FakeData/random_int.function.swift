import Bloblang
import Synchronization

/// The generator of one `random_int` call site, seeded on first use.
final class RandomIntState: Sendable {
    let source: Mutex<GoRandSource?> = Mutex(nil)
}

extension FunctionSpec {
    static let randomInt = FunctionSpec(
        "random_int", category: .fakeData,
        summary: "Generates a pseudo-random non-negative integer, optionally between `min` and `max`.",
        description: """
            Each call site has its own generator, seeded once from `seed` (a query evaluated on \
            the first call), so a fixed seed gives the same sequence every run, the same \
            sequence as Benthos's Go generator. Use `timestamp_unix_nano()` as the seed for \
            different numbers per run. `min` and `max` are inclusive bounds; `max` must be below \
            the largest 64-bit integer.
            """,
        params: [
            ParameterSpec("seed", .query, "A seed, evaluated once on the first call.", default: .int(0)),
            .int("min", "The smallest number to generate.", default: 0),
            .int("max", "The largest number to generate.", default: Int64.max - 1),
        ],
        examples: [
            Example(
                #"root.n = random_int(seed: 42, max: 100)"#,
                pairs: [.init("{}", #"{"n":6}"#), .init("{}", #"{"n":61}"#), .init("{}", #"{"n":22}"#)],
                summary: "A fixed seed repeats the same sequence on every run."),
            Example(
                #"root.dice = random_int(seed: timestamp_unix_nano(), min: 1, max: 6)"#, "{}", #"{"dice":4}"#,
                deterministic: false),
        ],
        prepare: { args in
            let seedQuery = args.query(0)
            let low = args.int(1), high = args.int(2)
            if low < 0 { throw RuntimeError("min (\(low)) must be a positive number") }
            if high < low { throw RuntimeError("min (\(low)) must be smaller or equal than max (\(high))") }
            if high == Int64.max {
                throw RuntimeError("max must be smaller than the max allowed for an int64 (\(Int64.max))")
            }
            let state = RandomIntState()
            return { ctx in
                var seed: Int64 = 0
                if state.source.withLock({ $0 == nil }) {
                    do {
                        seed = try seedQuery.eval(ctx).toInt()
                    } catch {
                        let message = (error as? RuntimeError)?.message ?? "\(error)"
                        throw RuntimeError("failed to seed random number generator: \(message)")
                    }
                }
                return .int(
                    state.source.withLock { (source: inout GoRandSource?) -> Int64 in
                        // Take the generator out while drawing so that its table is not copied.
                        var generator = source ?? GoRandSource(seed: seed)
                        source = nil
                        let v = generator.int63n(high - low + 1) + low
                        source = generator
                        return v
                    })
            }
        }
    )
}
