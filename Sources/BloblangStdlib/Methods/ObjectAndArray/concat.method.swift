import Bloblang

extension MethodSpec {
    static let concat = MethodSpec(
        "concat", category: .objectAndArray,
        summary: "Returns the array followed by the elements of each argument array.",
        description: "Takes any number of arguments, each of which must be an array.",
        params: ObjectArray.variadic,
        examples: [
            Example(
                #"root.all = this.a.concat(this.b, this.c)"#, #"{"a":[1],"b":[2,3],"c":[]}"#, #"{"all":[1,2,3]}"#)
        ],
        prepare: { args in
            var collected: [Value] = []
            for argument in ObjectArray.variadicValues(args) {
                guard case .array(let more) = argument else { throw RuntimeError.type(expected: [.array], got: argument) }
                collected.append(contentsOf: more)
            }
            let tail = collected
            return { target, _ in
                guard case .array(let elements) = target else { throw RuntimeError.type(expected: [.array], got: target) }
                return .array(elements + tail)
            }
        })
}
