import Bloblang

extension Stdlib {
    /// The methods of this category, in documentation order.
    static let regexpMethods: [MethodSpec] = [
        .reFindAll,
        .reFindAllObject,
        .reFindAllSubmatch,
        .reFindObject,
        .reMatch,
        .reReplace,
        .reReplaceAll,
    ]
}
