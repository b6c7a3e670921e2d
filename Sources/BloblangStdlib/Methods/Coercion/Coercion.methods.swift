import Bloblang

extension Stdlib {
    /// The methods of this category, in documentation order.
    static let coercionMethods: [MethodSpec] = [
        .array, .bool, .bytes, .notEmpty, .notNull, .number, .string, .timestamp, .type,
    ]
}
