import Bloblang

extension MethodSpec {
    static let type = MethodSpec(
        "type", category: .coercion,
        summary: "Returns the name of a value's type.",
        description: """
            One of `string`, `bytes`, `number`, `bool`, `timestamp`, `array`, `object` or \
            `null`. Integers and floats are both `number`.
            """,
        examples: [
            Example(
                #"root = this.map_each(v -> v.type())"#,
                #"[1,2.5,"x",true,null,[],{}]"#, #"["number","number","string","bool","null","array","object"]"#),
            Example(#"root.kind = content().type()"#, "raw text", #"{"kind":"bytes"}"#),
        ]
    ) { target, _, _ in
        .string(target.type.rawValue)
    }
}
