import Bloblang

extension MethodSpec {
    static let collapse = MethodSpec(
        "collapse", category: .objectAndArray,
        summary: "Flattens nested objects and arrays into one object whose keys are the dot paths of the leaf values.",
        description: "Array elements are keyed by their index. Empty objects and arrays are left out unless `include_empty` is set.",
        params: [.bool("include_empty", "Keep empty objects and arrays as values in the result.", default: false)],
        examples: [
            Example(
                #"root.flat = this.collapse()"#,
                #"{"a":{"b":1,"c":[true,{}]}}"#,
                #"{"flat":{"a.b":1,"a.c.0":true}}"#),
            Example(
                #"root.flat = this.collapse(include_empty: true)"#,
                #"{"a":{"b":1,"c":[true,{}]}}"#,
                #"{"flat":{"a.b":1,"a.c.0":true,"a.c.1":{}}}"#),
        ]
    ) { target, args, _ in
        guard let flat = ObjectArray.collapse(target, includeEmpty: args.bool(0)) else {
            throw RuntimeError("not an object or array")
        }
        return .object(flat)
    }
}
