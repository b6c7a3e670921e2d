import Bloblang

extension Stdlib {
    /// The methods of this category, in documentation order.
    static let parsingMethods: [MethodSpec] = [
        .formatJSON,
        .formatYAML,
        .parseCSV,
        .parseFormURLEncoded,
        .parseJSON,
        .parseLogfmt,
        .parseURL,
        .parseYAML,
        .inferSchema,
    ]
}
