import Bloblang

extension FunctionSpec {
    static let batchIndex = FunctionSpec(
        "batch_index", category: .message,
        summary: "The position of the message in its batch, from 0.",
        examples: [Example(#"root.i = batch_index()"#, "{}", #"{"i":0}"#)]
    ) { _, ctx in .int(Int64(ctx.batchIndex)) }
}
