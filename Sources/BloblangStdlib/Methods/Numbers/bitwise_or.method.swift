import Bloblang

extension MethodSpec {
    static let bitwiseOr = MethodSpec(
        "bitwise_or", category: .numbers,
        summary: "Combines an integer with the argument by bitwise OR.",
        description: "Floats are truncated to integers first. The result is a signed 64-bit integer.",
        params: [.int("value", "The integer to combine with.")],
        examples: [
            Example(#"root.flags = this.flags.bitwise_or(4)"#, #"{"flags":9}"#, #"{"flags":13}"#)
        ]
    ) { target, args, _ in
        .int(try target.bitwiseOperand() | args.int(0))
    }
}
