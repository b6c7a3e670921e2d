import Bloblang

extension FunctionSpec {
    static let content = FunctionSpec(
        "content", category: .message,
        summary: "The raw bytes of the message.",
        examples: [Example(#"root.doc = content().string()"#, #"{"a":1}"#, #"{"doc":"{\"a\":1}"}"#)]
    ) { _, ctx in .bytes(ctx.content) }
}
