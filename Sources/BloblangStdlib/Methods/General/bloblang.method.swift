import Bloblang

extension MethodSpec {
    static let bloblang = MethodSpec(
        "bloblang", category: .general,
        summary: "Runs a mapping given as a string on the target and gives the result.",
        params: [.string("mapping", "The mapping to run.")],
        examples: [
            Example(
                #"root.out = this.doc.bloblang("root = this.name.uppercase()")"#, #"{"doc":{"name":"ada"}}"#, #"{"out":"ADA"}"#)
        ],
        prepare: { args in
            let mapping: Mapping
            do {
                mapping = try Environment.standard.withoutImports().parse(args.string(0))
            } catch let error as ParseError {
                throw RuntimeError("failed to parse mapping: \(error.description)")
            }
            return { target, _ in
                guard let out = try mapping.apply(to: target) else { return .delete }
                return out
            }
        }
    )
}
