import Bloblang

extension FunctionSpec {
    static let errored = FunctionSpec(
        "errored", category: .message,
        summary: "Whether an earlier processor flagged an error on the message.",
        examples: [Example(#"root.failed = errored()"#, "{}", #"{"failed":false}"#)]
    ) { _, ctx in .bool(ctx.messageError != nil) }
}
