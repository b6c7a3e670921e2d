import Bloblang

extension MethodSpec {
    static let notEmpty = MethodSpec(
        "not_empty", category: .coercion,
        summary: "Returns a string, array or object unchanged unless it is empty, which is an error.",
        examples: [
            Example(
                #"root.items = this.items.not_empty()"#,
                pairs: [
                    .init(#"{"items":[1]}"#, #"{"items":[1]}"#),
                    .init(
                        #"{"items":[]}"#,
                        #"Error("failed assignment (line 1): field `this.items`: array value is empty")"#),
                ]),
            Example(
                #"root.name = this.name.not_empty().catch("anonymous")"#,
                #"{"name":""}"#, #"{"name":"anonymous"}"#),
        ]
    ) { target, _, _ in
        switch target {
        case .string(let s) where s.isEmpty: throw RuntimeError("string value is empty")
        case .array(let a) where a.isEmpty: throw RuntimeError("array value is empty")
        case .object(let o) where o.isEmpty: throw RuntimeError("object value is empty")
        case .string, .array, .object: return target
        default: throw RuntimeError.type(expected: [.string, .array, .object], got: target)
        }
    }
}
