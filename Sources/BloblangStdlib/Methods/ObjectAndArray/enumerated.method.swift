import Bloblang

extension MethodSpec {
    static let enumerated = MethodSpec(
        "enumerated", category: .objectAndArray,
        summary: "Pairs each element of an array with its position, as objects with `index` and `value` fields.",
        examples: [
            Example(
                #"root.pairs = this.letters.enumerated()"#,
                #"{"letters":["x","y"]}"#,
                #"{"pairs":[{"index":0,"value":"x"},{"index":1,"value":"y"}]}"#),
            Example(
                #"root.odd_positions = this.items.enumerated().filter(e -> e.index % 2 == 1).map_each(e -> e.value)"#,
                #"{"items":["a","b","c","d"]}"#,
                #"{"odd_positions":["b","d"]}"#,
                summary: "Select elements by their position."),
        ]
    ) { target, _, _ in
        guard case .array(let elements) = target else { throw RuntimeError.type(expected: [.array], got: target) }
        return .array(elements.enumerated().map { .object(["index": .int(Int64($0.offset)), "value": $0.element]) })
    }
}
