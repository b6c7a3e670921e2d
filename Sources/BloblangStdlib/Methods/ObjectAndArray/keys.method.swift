import Bloblang

extension MethodSpec {
    static let keys = MethodSpec(
        "keys", category: .objectAndArray,
        summary: "Returns the keys of an object as a sorted array.",
        examples: [
            Example(#"root.fields = this.record.keys()"#, #"{"record":{"zip":"1","age":3,"name":"x"}}"#, #"{"fields":["age","name","zip"]}"#),
            Example(#"root.has_id = this.keys().contains("id")"#, #"{"id":7,"v":1}"#, #"{"has_id":true}"#),
        ]
    ) { target, _, _ in
        guard case .object(let fields) = target else { throw RuntimeError.type(expected: [.object], got: target) }
        return .array(ObjectArray.sortedKeys(fields).map(Value.string))
    }
}
