import Bloblang

extension MethodSpec {
    static let explode = MethodSpec(
        "explode", category: .objectAndArray,
        summary: "Makes one copy of the target object per element of the array (or object) found at a path.",
        description: """
            Each copy holds one element in place of the collection at the path. An array at the \
            path gives an array of copies; an object gives an object of copies under the same keys.
            """,
        params: [.string("path", "The dot path of the field to explode.")],
        examples: [
            Example(
                #"root = this.explode("sizes")"#,
                #"{"sku":"t1","sizes":["s","m"]}"#,
                #"[{"sizes":"s","sku":"t1"},{"sizes":"m","sku":"t1"}]"#),
            Example(
                #"root = this.explode("stock")"#,
                #"{"sku":"t1","stock":{"eu":3,"us":5}}"#,
                #"{"eu":{"sku":"t1","stock":3},"us":{"sku":"t1","stock":5}}"#,
                summary: "Exploding an object keeps its keys."),
        ]
    ) { target, args, _ in
        guard case .object(let fields) = target else { throw RuntimeError.type(expected: [.object], got: target) }
        let raw = args.string(0)
        let path = ObjectArray.dotPath(raw)
        let base = Value.object(ObjectArray.without(fields, [path]))
        func copy(with element: Value) -> Value {
            var result = base
            ObjectArray.set(&result, path[...], to: element)
            return result
        }
        switch ObjectArray.search(target, path[...]) {
        case .array(let elements)?:
            return .array(elements.map(copy(with:)))
        case .object(let entries)?:
            return .object(entries.mapValues(copy(with:)))
        case let other:
            throw RuntimeError(
                "expected array or object value at path '\(raw)', found: \((other ?? .null).type.rawValue)")
        }
    }
}
