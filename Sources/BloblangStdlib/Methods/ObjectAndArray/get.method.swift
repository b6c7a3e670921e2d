import Bloblang

extension MethodSpec {
    static let get = MethodSpec(
        "get", category: .objectAndArray,
        summary: "Returns the value at a dot path below the target, or `null` when there is none.",
        description: """
            Path segments select object keys, or array elements by index; `*` selects every \
            element of an array. In a segment, `~1` stands for a dot and `~0` for a tilde.
            """,
        params: [.string("path", "The dot path of the value to return.")],
        examples: [
            Example(
                #"root.value = this.config.get(this.key)"#,
                pairs: [
                    .init(#"{"config":{"host":"db","port":5432},"key":"port"}"#, #"{"value":5432}"#),
                    .init(#"{"config":{"host":"db","port":5432},"key":"user"}"#, #"{"value":null}"#),
                ]),
            Example(
                #"root.second = this.get("rows.1.name")"#, #"{"rows":[{"name":"a"},{"name":"b"}]}"#,
                #"{"second":"b"}"#, summary: "Numeric segments index arrays."),
        ]
    ) { target, args, _ in
        ObjectArray.search(target, ObjectArray.dotPath(args.string(0))[...]) ?? .null
    }
}
