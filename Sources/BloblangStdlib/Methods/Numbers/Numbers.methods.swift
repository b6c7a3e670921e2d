import Bloblang

extension Stdlib {
    /// The methods of this category, in documentation order.
    static let numberMethods: [MethodSpec] = [
        .abs, .bitwiseAnd, .bitwiseOr, .bitwiseXor, .ceil, .cos, .float32, .float64, .floor,
        .int16, .int32, .int64, .int8, .log, .log10, .pow, .round, .sin, .tan,
        .uint16, .uint32, .uint64, .uint8,
    ]
}
