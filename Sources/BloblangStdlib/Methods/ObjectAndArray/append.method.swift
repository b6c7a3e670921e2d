import Bloblang

extension MethodSpec {
    static let append = MethodSpec(
        "append", category: .objectAndArray,
        summary: "Returns the array with the arguments added to its end.",
        description: "Takes any number of arguments. An array argument is added as one element; use `concat` to add its elements.",
        params: ObjectArray.variadic,
        examples: [
            Example(#"root.steps = this.steps.append("deploy", "verify")"#, #"{"steps":["build"]}"#, #"{"steps":["build","deploy","verify"]}"#),
            Example(#"root.rows = this.rows.append([3,4])"#, #"{"rows":[[1,2]]}"#, #"{"rows":[[1,2],[3,4]]}"#),
        ]
    ) { target, args, _ in
        guard case .array(let elements) = target else { throw RuntimeError.type(expected: [.array], got: target) }
        return .array(elements + ObjectArray.variadicValues(args))
    }
}
