import Bloblang

extension MethodSpec {
    static let string = MethodSpec(
        "string", category: .coercion,
        summary: "Converts any value to a string.",
        description: """
            Strings are unchanged, bytes are read as UTF-8, numbers and booleans are printed, \
            timestamps use RFC 3339, `null` becomes `"null"`, and arrays and objects become \
            compact JSON.
            """,
        examples: [
            Example(
                #"root.summary = this.string()"#,
                #"{"b":[1,2],"a":true}"#, #"{"summary":"{\"a\":true,\"b\":[1,2]}"}"#),
            Example(##"root.label = "#" + this.n.string()"##, #"{"n":1.50}"#, ##"{"label":"#1.5"}"##),
        ]
    ) { target, _, _ in
        switch target {
        case .delete, .nothing: .string("null")
        default: .string(target.plainString)
        }
    }
}
