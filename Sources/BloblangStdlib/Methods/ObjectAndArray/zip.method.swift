import Bloblang

extension MethodSpec {
    static let zip = MethodSpec(
        "zip", category: .objectAndArray,
        summary: "Combines the array with one or more arrays of the same length into an array of tuples.",
        description: "Element `i` of the result is an array of element `i` of the target followed by element `i` of each argument.",
        params: ObjectArray.variadic,
        examples: [
            Example(
                #"root.pairs = this.names.zip(this.ages)"#, #"{"names":["ann","bob"],"ages":[31,27]}"#,
                #"{"pairs":[["ann",31],["bob",27]]}"#)
        ],
        prepare: { args in
            let sizeError = RuntimeError("can't zip different length array values")
            var collected: [[Value]] = []
            for argument in ObjectArray.variadicValues(args) {
                guard case .array(let column) = argument else { throw RuntimeError.type(expected: [.array], got: argument) }
                if let first = collected.first, first.count != column.count { throw sizeError }
                collected.append(column)
            }
            let columns = collected
            return { target, _ in
                guard case .array(let elements) = target else { throw RuntimeError.type(expected: [.array], got: target) }
                guard let first = columns.first else { throw RuntimeError("zip requires at least one argument") }
                guard elements.count == first.count else { throw sizeError }
                return .array(elements.enumerated().map { i, element in .array([element] + columns.map { $0[i] }) })
            }
        })
}
