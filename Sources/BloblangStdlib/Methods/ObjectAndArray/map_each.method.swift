import Bloblang

extension MethodSpec {
    static let mapEach = MethodSpec(
        "map_each", category: .objectAndArray,
        summary: "Replaces each element of an array, or each value of an object, with the result of a query.",
        description: """
            On an object the query sees each field as an object with `key` and `value` fields, \
            and its result replaces the value. A result of `deleted()` drops the element and \
            `nothing()` keeps it unchanged.
            """,
        params: [.query("query", "Computes the new value of each element.")],
        examples: [
            Example(
                #"root.out = this.nums.map_each(n -> if n < 0 { deleted() } else { n * 2 })"#,
                #"{"nums":[1,-4,3]}"#, #"{"out":[2,6]}"#),
            Example(
                #"root.out = this.names.map_each(kv -> kv.value.capitalize())"#,
                #"{"names":{"a":"ann","b":"bob"}}"#, #"{"out":{"a":"Ann","b":"Bob"}}"#,
                summary: "On objects the query sees `key` and `value`."),
        ]
    ) { target, args, ctx in
        let query = args.query(0)
        func apply(_ input: Value, element: String) throws -> Value {
            do { return try query.call(with: input, ctx) } catch {
                let inner = ObjectArray.runtimeError(error).from(query.annotation)
                throw ObjectArray.wrap("failed to process element \(element)", inner)
            }
        }
        switch target {
        case .array(let elements):
            var result: [Value] = []
            result.reserveCapacity(elements.count)
            for (i, element) in elements.enumerated() {
                switch try apply(element, element: String(i)) {
                case .delete: continue
                case .nothing: result.append(element)
                case let mapped: result.append(mapped)
                }
            }
            return .array(result)
        case .object(let fields):
            var result: [String: Value] = [:]
            for key in ObjectArray.sortedKeys(fields) {
                guard let value = fields[key] else { continue }
                switch try apply(.object(["key": .string(key), "value": value]), element: key) {
                case .delete: continue
                case .nothing: result[key] = value
                case let mapped: result[key] = mapped
                }
            }
            return .object(result)
        default:
            throw RuntimeError.type(expected: [.array], got: target)
        }
    }
}
