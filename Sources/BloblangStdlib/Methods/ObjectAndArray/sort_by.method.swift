import Bloblang

extension MethodSpec {
    static let sortBy = MethodSpec(
        "sort_by", category: .objectAndArray,
        summary: "Sorts an array in ascending order of a key computed for each element.",
        description: "The keys must all be numbers, or all strings.",
        params: [.query("query", "Computes the sort key of each element.")],
        examples: [
            Example(
                #"root.sorted = this.files.sort_by(f -> f.size).map_each(f -> f.name)"#,
                #"{"files":[{"name":"b","size":30},{"name":"a","size":4}]}"#, #"{"sorted":["a","b"]}"#),
            Example(
                #"root.sorted = this.words.sort_by(w -> w.lowercase())"#, #"{"words":["beta","Alpha","gamma"]}"#,
                #"{"sorted":["Alpha","beta","gamma"]}"#),
        ]
    ) { target, args, ctx in
        guard case .array(var elements) = target else { throw RuntimeError.type(expected: [.array], got: target) }
        let query = args.query(0)
        try ObjectArray.goSort(&elements) { values, i, j in
            let l = try query.call(with: values[i], ctx)
            let r = try query.call(with: values[j], ctx)
            return try ObjectArray.naturalLess(l, r, i, j, label: "sort_by element", from: query.annotation)
        }
        return .array(elements)
    }
}
