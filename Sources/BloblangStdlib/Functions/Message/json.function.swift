import Bloblang

extension FunctionSpec {
    static let json = FunctionSpec(
        "json", category: .message,
        summary: "The message parsed as JSON, or the field at an optional dot path of it.",
        params: [.string("path", "A dot path of the field to read; empty for the whole document.", default: "")],
        examples: [Example(#"root.name = json("user.name")"#, #"{"user":{"name":"ada"}}"#, #"{"name":"ada"}"#)],
        prepare: { args in
            let path = Value.splitDotPath(args.string(0))
            return { ctx in
                let doc = try JSONReader.parse(ctx.content)
                return Value.get(doc, path: path)
            }
        }
    )
}
