import Bloblang

extension MethodSpec {
    static let find = MethodSpec(
        "find", category: .objectAndArray, status: .beta,
        summary: "Returns the index of the first element of an array equal to a value, or -1 when there is none.",
        description: "Numbers compare by value whatever their representation (`3` equals `3.0`).",
        params: [.any("value", "The value to look for.")],
        examples: [
            Example(#"root.pos = this.find("b")"#, #"["a","b","c","b"]"#, #"{"pos":1}"#),
            Example(#"root.pos = this.codes.find(this.code)"#, #"{"code":404,"codes":[200,301]}"#, #"{"pos":-1}"#),
        ]
    ) { target, args, _ in
        guard case .array(let elements) = target else { throw RuntimeError.type(expected: [.array], got: target) }
        let wanted = args[0]
        for (i, element) in elements.enumerated() where wanted.looselyEquals(element) {
            return .int(Int64(i))
        }
        return .int(-1)
    }
}
