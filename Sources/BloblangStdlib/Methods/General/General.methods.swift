import Bloblang

extension Stdlib {
    /// The methods of this category, in documentation order.
    static let generalMethods: [MethodSpec] = [
        .apply, .bloblang, .catch, .exists, .from, .fromAll, .map, .not, .or,
    ]
}
