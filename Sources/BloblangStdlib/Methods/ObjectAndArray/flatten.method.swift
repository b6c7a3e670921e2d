import Bloblang

extension MethodSpec {
    static let flatten = MethodSpec(
        "flatten", category: .objectAndArray,
        summary: "Spreads the elements of nested arrays into the outer array, one level deep.",
        description: "Elements that are not arrays are kept as they are. Deeper nesting needs more calls.",
        examples: [
            Example(#"root.result = this.flatten()"#, #"[1,[2,3],[],4]"#, #"{"result":[1,2,3,4]}"#),
            Example(
                #"root.result = this.data.flatten()"#, #"{"data":[["a"],["b",["c"]]]}"#,
                #"{"result":["a","b",["c"]]}"#, summary: "Only one level of nesting is removed."),
        ]
    ) { target, _, _ in
        guard case .array(let elements) = target else { throw RuntimeError.type(expected: [.array], got: target) }
        var result: [Value] = []
        result.reserveCapacity(elements.count)
        for element in elements {
            if case .array(let inner) = element { result.append(contentsOf: inner) } else { result.append(element) }
        }
        return .array(result)
    }
}
