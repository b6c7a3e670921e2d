import Bloblang

extension MethodSpec {
    static let bitwiseAnd = MethodSpec(
        "bitwise_and", category: .numbers,
        summary: "Combines an integer with the argument by bitwise AND.",
        description: "Floats are truncated to integers first. The result is a signed 64-bit integer.",
        params: [.int("value", "The integer to combine with.")],
        examples: [
            Example(#"root.low_nibble = this.flags.bitwise_and(15)"#, #"{"flags":250}"#, #"{"low_nibble":10}"#)
        ]
    ) { target, args, _ in
        .int(try target.bitwiseOperand() & args.int(0))
    }
}
