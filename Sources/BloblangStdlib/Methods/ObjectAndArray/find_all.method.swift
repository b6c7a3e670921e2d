import Bloblang

extension MethodSpec {
    static let findAll = MethodSpec(
        "find_all", category: .objectAndArray, status: .beta,
        summary: "Returns the indexes of every element of an array equal to a value.",
        description: "Numbers compare by value whatever their representation. No match gives an empty array.",
        params: [.any("value", "The value to look for.")],
        examples: [
            Example(#"root.positions = this.find_all("b")"#, #"["a","b","c","b"]"#, #"{"positions":[1,3]}"#),
            Example(#"root.positions = this.scores.find_all(10)"#, #"{"scores":[10.0,7,10]}"#, #"{"positions":[0,2]}"#),
        ]
    ) { target, args, _ in
        guard case .array(let elements) = target else { throw RuntimeError.type(expected: [.array], got: target) }
        let wanted = args[0]
        var found: [Value] = []
        for (i, element) in elements.enumerated() where wanted.looselyEquals(element) {
            found.append(.int(Int64(i)))
        }
        return .array(found)
    }
}
