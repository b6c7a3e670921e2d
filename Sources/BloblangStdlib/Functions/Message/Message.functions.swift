import Bloblang

extension Stdlib {
    /// The functions of this category, in documentation order.
    static let messageFunctions: [FunctionSpec] = [
        .batchIndex, .batchSize, .content, .error, .errored, .json, .meta, .metadata, .rootMeta, .tracingID,
        .tracingSpan,
    ]
}
