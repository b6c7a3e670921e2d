import Bloblang

extension FunctionSpec {
    static let batchSize = FunctionSpec(
        "batch_size", category: .message,
        summary: "The number of messages in the batch.",
        examples: [Example(#"root.n = batch_size()"#, "{}", #"{"n":1}"#)]
    ) { _, ctx in .int(Int64(ctx.batchSize)) }
}
