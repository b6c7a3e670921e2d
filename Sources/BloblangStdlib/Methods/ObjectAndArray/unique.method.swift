import Bloblang

extension MethodSpec {
    static let unique = MethodSpec(
        "unique", category: .objectAndArray,
        summary: "Removes repeated elements from an array, keeping the first of each.",
        description: """
            Elements (or the keys an `emit` query computes from them) must be strings or \
            numbers. Numbers compare by value; a string never equals a number (`"5"` is not `5`).
            """,
        params: [.query("emit", "Computes the value that decides whether two elements are the same.").optional()],
        examples: [
            Example(#"root.tags = this.tags.unique()"#, #"{"tags":["a","b","a",1,1.0,"1"]}"#, #"{"tags":["a","b",1,"1"]}"#),
            Example(
                #"root.first_per_user = this.events.unique(e -> e.user).map_each(e -> e.id)"#,
                #"{"events":[{"id":1,"user":"ann"},{"id":2,"user":"bob"},{"id":3,"user":"ann"}]}"#,
                #"{"first_per_user":[1,2]}"#, summary: "Decide uniqueness by a field."),
        ]
    ) { target, args, ctx in
        guard case .array(let elements) = target else { throw RuntimeError.type(expected: [.array], got: target) }
        let emit = args.queries.first ?? nil
        var seenStrings = Set<[UInt8]>()
        var seenNumbers = Set<Double>()
        var result: [Value] = []
        for (i, element) in elements.enumerated() {
            var key = element
            if let emit {
                do { key = try emit.call(with: element, ctx) } catch {
                    throw ObjectArray.wrap("index \(i)", ObjectArray.runtimeError(error))
                }
            }
            let isNew: Bool
            switch key {
            case .string(let s): isNew = seenStrings.insert(Array(s.utf8)).inserted
            case .bytes(let b): isNew = seenStrings.insert(b).inserted
            case .int, .uint, .float: isNew = seenNumbers.insert((try? key.getNumber()) ?? 0).inserted
            default: throw ObjectArray.wrap("index \(i)", .type(expected: [.string, .number], got: key))
            }
            if isNew { result.append(element) }
        }
        return .array(result)
    }
}
