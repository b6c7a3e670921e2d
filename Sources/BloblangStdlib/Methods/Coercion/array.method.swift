import Bloblang

extension MethodSpec {
    static let array = MethodSpec(
        "array", category: .coercion,
        summary: "Wraps a value in a single-element array, unless it is an array already.",
        examples: [
            Example(
                #"root.tags = this.tags.array()"#,
                pairs: [
                    .init(#"{"tags":"urgent"}"#, #"{"tags":["urgent"]}"#),
                    .init(#"{"tags":["a","b"]}"#, #"{"tags":["a","b"]}"#),
                ])
        ]
    ) { target, _, _ in
        if case .array = target { return target }
        return .array([target])
    }
}
