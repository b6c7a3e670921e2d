import Bloblang

extension MethodSpec {
    static let values = MethodSpec(
        "values", category: .objectAndArray,
        summary: "Returns the values of an object as an array.",
        description: "Benthos gives no particular order; Sluice orders the values by their keys. Sort the result when order matters.",
        examples: [
            Example(#"root.counts = this.counts.values().sort()"#, #"{"counts":{"b":7,"a":2}}"#, #"{"counts":[2,7]}"#),
            Example(#"root.best = this.scores.values().max()"#, #"{"scores":{"ann":71,"bob":93}}"#, #"{"best":93}"#),
        ]
    ) { target, _, _ in
        guard case .object(let fields) = target else { throw RuntimeError.type(expected: [.object], got: target) }
        return .array(ObjectArray.sortedKeys(fields).compactMap { fields[$0] })
    }
}
