import Bloblang

extension MethodSpec {
    static let findBy = MethodSpec(
        "find_by", category: .objectAndArray, status: .beta,
        summary: "Returns the index of the first element of an array for which a condition holds, or -1 when there is none.",
        params: [.query("query", "The condition to check against each element; it must return a boolean.")],
        examples: [
            Example(#"root.first_big = this.find_by(n -> n > 100)"#, #"[5,150,300]"#, #"{"first_big":1}"#),
            Example(
                #"root.pending = this.jobs.find_by(j -> j.state == "pending")"#,
                #"{"jobs":[{"state":"done"},{"state":"done"}]}"#, #"{"pending":-1}"#),
        ]
    ) { target, args, ctx in
        guard case .array(let elements) = target else { throw RuntimeError.type(expected: [.array], got: target) }
        let query = args.query(0)
        for (i, element) in elements.enumerated() where try ObjectArray.matches(query, element, index: i, ctx) {
            return .int(Int64(i))
        }
        return .int(-1)
    }
}

extension ObjectArray {
    /// Runs the condition of `find_by`/`find_all_by` for one element.
    static func matches(_ query: Query, _ element: Value, index i: Int, _ ctx: EvalContext) throws -> Bool {
        let result: Value
        do { result = try query.call(with: element, ctx) } catch {
            throw wrap("query returned an error for index \(i)", runtimeError(error))
        }
        guard case .bool(let b) = result else {
            throw wrap("query returned a non-boolean value for index \(i)", .type(expected: [.bool], got: result))
        }
        return b
    }
}
