import Bloblang

extension FunctionSpec {
    static let range = FunctionSpec(
        "range", category: .general,
        summary: "An array of integers from `start` up to (not including) `stop`, by `step`.",
        params: [
            .int("start", "The first number."), .int("stop", "The bound, not included."),
            .int("step", "The increment; negative counts down.", default: 1),
        ],
        examples: [
            Example(#"root.a = range(0, 10, 3)"#, #"{}"#, #"{"a":[0,3,6]}"#),
            Example(#"root.a = range(5, 0, -2)"#, #"{}"#, #"{"a":[5,3]}"#),
        ],
        prepare: { args in
            let start = args.int(0), stop = args.int(1), step = args.int(2)
            if step == 0 { throw RuntimeError("step must be greater than or less than 0") }
            if step > 0 && start >= stop {
                throw RuntimeError("with positive step arg start (\(start)) must be < stop (\(stop))")
            }
            if step < 0 && stop > start {
                throw RuntimeError("with negative step arg stop (\(stop)) must be <= start (\(start))")
            }
            // Benthos makes (stop - start) / step elements, so a last partial step is dropped.
            let count = stop.subtractingReportingOverflow(start).partialValue / step
            guard count <= 10_000_000 else { throw RuntimeError("range of \(count) elements is too large") }
            let out = (0..<count).map { Value.int(start &+ $0 &* step) }
            let result = Value.array(out)
            return { _ in result }
        }
    )
}
