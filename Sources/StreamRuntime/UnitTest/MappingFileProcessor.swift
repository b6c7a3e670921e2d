import Bloblang

/// Runs a mapping on every message of a batch the way Benthos's `bloblang` processor does: a
/// failed message keeps its content and gets the error; a deleted message is dropped.
struct MappingFileProcessor: Processor {
    let mapping: Mapping

    func process(_ batch: Batch) async -> [Batch] {
        let ctx = mapping.makeContext()
        let others =
            batch.count > 1
            ? batch.map { BatchMessage(content: $0.content, metadata: $0.metadata, structured: nil) } : []
        var out: Batch = []
        for (i, message) in batch.enumerated() {
            mapping.prepare(
                ctx, content: message.content, this: mapping.readsThis ? message.peekStructured() : nil,
                metadata: message.metadata)
            ctx.messageError = message.error
            ctx.batchIndex = i
            ctx.batchSize = batch.count
            ctx.batch = others
            var result = message
            do {
                try mapping.execute(ctx)
            } catch {
                result.error = error.message
                out.append(result)
                continue
            }
            result.metadata = ctx.metadata
            switch ctx.root {
            case .delete: continue
            case .nothing: break
            case .string(let s): result.setContent(Array(s.utf8))
            case .bytes(let b): result.setContent(b)
            default: result.setStructured(ctx.root)
            }
            out.append(result)
        }
        return out.isEmpty ? [] : [out]
    }
}
