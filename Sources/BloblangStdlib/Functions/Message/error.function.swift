import Bloblang

extension FunctionSpec {
    static let error = FunctionSpec(
        "error", category: .message,
        summary: "The error an earlier processor flagged on the message, or null.",
        examples: [Example(#"root.err = error()"#, "{}", #"{"err":null}"#)]
    ) { _, ctx in ctx.messageError.map(Value.string) ?? .null }
}
