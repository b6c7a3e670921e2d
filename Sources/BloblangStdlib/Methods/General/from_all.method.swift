import Bloblang

extension MethodSpec {
    static let fromAll = MethodSpec(
        "from_all", category: .general,
        summary: "Evaluates the target once for every message of the batch and gives the results as an array.",
        examples: [Example(#"root.all = this.n.from_all()"#, #"{"n":3}"#, #"{"all":[3]}"#)],
        lazy: { target, _, ctx in
            let count = ctx.batch.isEmpty ? 1 : ctx.batch.count
            var out: [Value] = []
            for i in 0..<count {
                let index = ctx.batch.isEmpty ? ctx.batchIndex : i
                out.append(try ctx.withMessage(at: index) { try target() })
            }
            return .array(out)
        }
    )
}
