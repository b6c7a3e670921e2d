import Bloblang

extension MethodSpec {
    static let sort = MethodSpec(
        "sort", category: .objectAndArray,
        summary: "Sorts an array of numbers or strings in ascending order, or by a comparison query.",
        description: """
            Without an argument all elements must be numbers, or all strings. A comparison query \
            sees two elements as the fields `left` and `right` and returns `true` when `left` \
            belongs before `right`.
            """,
        params: [.query("compare", "Returns `true` when `left` should come before `right`.").optional()],
        examples: [
            Example(#"root.sorted = this.names.sort()"#, #"{"names":["cy","al","bo"]}"#, #"{"sorted":["al","bo","cy"]}"#),
            Example(#"root.desc = this.nums.sort(left > right)"#, #"{"nums":[2,9,4]}"#, #"{"desc":[9,4,2]}"#),
            Example(
                #"root.by_age = this.people.sort(p -> p.left.age < p.right.age).map_each(p -> p.name)"#,
                #"{"people":[{"name":"ann","age":40},{"name":"bob","age":25}]}"#, #"{"by_age":["bob","ann"]}"#,
                summary: "With a lambda, `left` and `right` are fields of its parameter."),
        ]
    ) { target, args, ctx in
        guard case .array(var elements) = target else { throw RuntimeError.type(expected: [.array], got: target) }
        if let compare = args.queries.first ?? nil {
            try ObjectArray.goSort(&elements) { values, i, j in
                let result = try compare.call(with: .object(["left": values[i], "right": values[j]]), ctx)
                guard case .bool(let b) = result else {
                    throw RuntimeError.type(expected: [.bool], got: result, from: "sort argument")
                }
                return b
            }
        } else {
            try ObjectArray.goSort(&elements) { values, i, j in
                try ObjectArray.naturalLess(values[i], values[j], i, j, label: "sort element", from: "")
            }
        }
        return .array(elements)
    }
}

extension ObjectArray {
    /// Compares two sort keys as Benthos's `sort` and `sort_by` do: the left key decides
    /// whether both are read as numbers or as strings, and anything else is an error naming
    /// the position of the offending key.
    static func naturalLess(_ l: Value, _ r: Value, _ i: Int, _ j: Int, label: String, from: String) throws -> Bool {
        func fail(_ index: Int, _ expected: [ValueType], _ v: Value) -> RuntimeError {
            unprefixed("\(label) \(index)", .type(expected: expected, got: v, from: from))
        }
        switch l {
        case .int, .uint, .float:
            guard let lhs = try? l.getNumber() else { throw fail(i, [.number], l) }
            guard let rhs = try? r.getNumber() else { throw fail(j, [.number], r) }
            return lhs < rhs
        case .string, .bytes:
            guard let lhs = stringBytes(l) else { throw fail(i, [.string], l) }
            guard let rhs = stringBytes(r) else { throw fail(j, [.string], r) }
            return lhs.lexicographicallyPrecedes(rhs)
        default:
            throw fail(i, [.number, .string], l)
        }
    }

    /// The bytes of a value that Benthos reads as a string (`IGetString`).
    static func stringBytes(_ v: Value) -> [UInt8]? {
        switch v {
        case .string(let s): Array(s.utf8)
        case .bytes(let b): b
        case .timestamp(let t): Array(t.rfc3339Nano.utf8)
        default: nil
        }
    }
}
