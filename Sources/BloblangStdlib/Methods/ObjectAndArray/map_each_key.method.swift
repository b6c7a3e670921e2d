import Bloblang

extension MethodSpec {
    static let mapEachKey = MethodSpec(
        "map_each_key", category: .objectAndArray,
        summary: "Renames each key of an object with the result of a query.",
        description: "The query sees the key as a string and must return a string; `nothing()` keeps the key as it is.",
        params: [.query("query", "Computes the new name of each key.")],
        examples: [
            Example(
                #"root = this.map_each_key(k -> k.lowercase())"#, #"{"Name":"ann","AGE":30}"#, #"{"age":30,"name":"ann"}"#),
            Example(
                #"root = this.map_each_key(k -> if !k.has_prefix("x_") { "x_" + k })"#,
                #"{"x_id":1,"name":2}"#, #"{"x_id":1,"x_name":2}"#,
                summary: "A query that returns `nothing()` leaves the key alone."),
        ]
    ) { target, args, ctx in
        guard case .object(let fields) = target else { throw RuntimeError.type(expected: [.object], got: target) }
        let query = args.query(0)
        var result: [String: Value] = [:]
        for key in ObjectArray.sortedKeys(fields) {
            guard let value = fields[key] else { continue }
            switch try query.call(with: .string(key), ctx) {
            case .nothing: result[key] = value
            case .string(let renamed): result[renamed] = value
            case let other:
                throw ObjectArray.wrap("unexpected result from key mapping", .type(expected: [.string], got: other))
            }
        }
        return .object(result)
    }
}
