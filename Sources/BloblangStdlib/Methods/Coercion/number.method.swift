import Bloblang

extension MethodSpec {
    static let number = MethodSpec(
        "number", category: .coercion,
        summary: "Converts a number, or a string holding one, to a float, with an optional fallback.",
        description: """
            Strings are parsed as Go's `strconv.ParseFloat` does. The result is always a float \
            (which prints without a fraction when it is whole). When `default` is given, it is \
            returned instead of an error when the value cannot be converted.
            """,
        params: [ParameterSpec.float("default", "A value to return when the conversion fails.").optional()],
        examples: [
            Example(#"root.total = this.price.number() * this.qty"#, #"{"price":"2.5","qty":4}"#, #"{"total":10}"#),
            Example(
                #"root.port = this.port.number(8080)"#,
                pairs: [.init(#"{"port":"9000"}"#, #"{"port":9000}"#), .init(#"{"port":"auto"}"#, #"{"port":8080}"#)]),
        ]
    ) { target, args, _ in
        do {
            return .float(try target.toFloat())
        } catch {
            if args.isPresent(0) { return args[0] }
            throw error
        }
    }
}
