import Bloblang

extension MethodSpec {
    static let findAllBy = MethodSpec(
        "find_all_by", category: .objectAndArray, status: .beta,
        summary: "Returns the indexes of every element of an array for which a condition holds.",
        params: [.query("query", "The condition to check against each element; it must return a boolean.")],
        examples: [
            Example(#"root.negatives = this.find_all_by(n -> n < 0)"#, #"[3,-1,4,-5]"#, #"{"negatives":[1,3]}"#),
            Example(
                #"root.failed = this.runs.find_all_by(r -> !r.ok)"#,
                #"{"runs":[{"ok":true},{"ok":false},{"ok":false}]}"#, #"{"failed":[1,2]}"#),
        ]
    ) { target, args, ctx in
        guard case .array(let elements) = target else { throw RuntimeError.type(expected: [.array], got: target) }
        let query = args.query(0)
        var found: [Value] = []
        for (i, element) in elements.enumerated() where try ObjectArray.matches(query, element, index: i, ctx) {
            found.append(.int(Int64(i)))
        }
        return .array(found)
    }
}
