import Bloblang

extension MethodSpec {
    static let keyValues = MethodSpec(
        "key_values", category: .objectAndArray,
        summary: "Turns an object into an array of objects with `key` and `value` fields, one per field.",
        description: "Benthos gives no particular order; Sluice orders the pairs by key. Sort the result when order matters.",
        examples: [
            Example(
                #"root.pairs = this.env.key_values().sort_by(p -> p.key)"#,
                #"{"env":{"TZ":"UTC","HOME":"/root"}}"#,
                #"{"pairs":[{"key":"HOME","value":"/root"},{"key":"TZ","value":"UTC"}]}"#),
            Example(
                #"root.low = this.stock.key_values().filter(p -> p.value < 5).map_each(p -> p.key)"#,
                #"{"stock":{"apples":2,"pears":9}}"#, #"{"low":["apples"]}"#),
        ]
    ) { target, _, _ in
        guard case .object(let fields) = target else { throw RuntimeError.type(expected: [.object], got: target) }
        return .array(ObjectArray.sortedKeys(fields).compactMap { key in
            fields[key].map { .object(["key": .string(key), "value": $0]) }
        })
    }
}
