import Bloblang

extension MethodSpec {
    static let filter = MethodSpec(
        "filter", category: .objectAndArray,
        summary: "Keeps the elements of an array, or the fields of an object, for which a condition returns `true`.",
        description: """
            Any result other than the boolean `true` drops the element. On an object the \
            condition sees each field as an object with `key` and `value` fields.
            """,
        params: [.query("test", "The condition to check against each element; `true` keeps it.")],
        examples: [
            Example(#"root.big = this.sizes.filter(s -> s >= 10)"#, #"{"sizes":[4,10,25,7]}"#, #"{"big":[10,25]}"#),
            Example(
                #"root.kept = this.flags.filter(f -> f.key.has_prefix("ui_") && f.value)"#,
                #"{"flags":{"ui_dark":true,"ui_beta":false,"api_v2":true}}"#,
                #"{"kept":{"ui_dark":true}}"#,
                summary: "On objects the condition sees `key` and `value`."),
        ]
    ) { target, args, ctx in
        let test = args.query(0)
        switch target {
        case .array(let elements):
            var kept: [Value] = []
            for element in elements {
                if case .bool(true) = try test.call(with: element, ctx) { kept.append(element) }
            }
            return .array(kept)
        case .object(let fields):
            var kept: [String: Value] = [:]
            for key in ObjectArray.sortedKeys(fields) {
                guard let value = fields[key] else { continue }
                let entry = Value.object(["key": .string(key), "value": value])
                if case .bool(true) = try test.call(with: entry, ctx) { kept[key] = value }
            }
            return .object(kept)
        default:
            throw RuntimeError.type(expected: [.array, .object], got: target)
        }
    }
}
