import Bloblang

extension Stdlib {
    /// The functions of this category, in documentation order.
    static let environmentFunctions: [FunctionSpec] = [
        .env, .file, .fileRel, .hostname,
    ]
}
