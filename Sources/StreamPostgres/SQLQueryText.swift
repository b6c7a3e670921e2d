import Bloblang
import StreamRuntime

/// A query that may be interpolated per message (`unsafe_dynamic_query`).
struct SQLQueryText: Sendable {
    let fixed: String?
    let dynamic: InterpolatedString?

    /// The statement for message `index` of `batch`.
    func text(_ batch: Batch, index: Int, environment: Environment, context: BatchContext) throws(SQLError) -> String {
        if let fixed { return fixed }
        guard let dynamic else { return "" }
        if dynamic.isStatic { return dynamic.source }
        var message = batch[index]
        let ctx = EvalContext(environment: environment)
        ctx.content = message.content
        ctx.metadata = message.metadata
        ctx.messageError = message.error
        ctx.batchIndex = index
        ctx.batchSize = batch.count
        ctx.batch = context.messages
        if let v = try? message.structured() {
            ctx.setThis(v)
        } else {
            ctx.setThis(.null, failure: RuntimeError("unable to reference message as structured (with 'this')"))
        }
        do {
            return try dynamic.render(ctx)
        } catch {
            throw SQLError("query interpolation error: \(error.message)")
        }
    }
}
