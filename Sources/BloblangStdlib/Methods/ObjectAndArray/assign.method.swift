import Bloblang

extension MethodSpec {
    static let assign = MethodSpec(
        "assign", category: .objectAndArray,
        summary: "Merges an object into the target object, letting the argument's values win on clashes.",
        description: """
            Objects present on both sides are merged field by field, at any depth; any other \
            clash keeps the argument's value. On an array target the argument is appended, or its \
            elements when it is an array too. Use `merge` to keep both values on a clash instead.
            """,
        params: [.any("with", "The value to merge into the target.")],
        examples: [
            Example(
                #"root = this.defaults.assign(this.overrides)"#,
                #"{"defaults":{"retries":3,"tls":{"enabled":false,"verify":true}},"overrides":{"tls":{"enabled":true}}}"#,
                #"{"retries":3,"tls":{"enabled":true,"verify":true}}"#),
            Example(
                #"root.all = this.a.assign(this.b)"#, #"{"a":[1,2],"b":[3]}"#, #"{"all":[1,2,3]}"#,
                summary: "Arrays are joined."),
        ]
    ) { target, args, _ in
        try ObjectArray.mergeMethod(target, args[0], collision: ObjectArray.replace)
    }
}

extension ObjectArray {
    /// The shared body of `merge` and `assign`.
    static func mergeMethod(_ target: Value, _ with: Value, collision: (Value, Value) -> Value) throws -> Value {
        switch target {
        case .array(let elements):
            if case .array(let more) = with { return .array(elements + more) }
            return .array(elements + [with])
        case .object(var fields):
            deepMerge(&fields, with, collision: collision)
            return .object(fields)
        default:
            throw RuntimeError.type(expected: [.object, .array], got: target)
        }
    }
}
