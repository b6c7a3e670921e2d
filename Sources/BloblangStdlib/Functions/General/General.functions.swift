import Bloblang

extension Stdlib {
    /// The functions of this category, in documentation order.
    static let generalFunctions: [FunctionSpec] = [
        .count, .counter, .deleted, .nothing, .pi, .range, .throw, .var,
    ]
}
