import Bloblang

extension MethodSpec {
    static let bitwiseXor = MethodSpec(
        "bitwise_xor", category: .numbers,
        summary: "Combines an integer with the argument by bitwise exclusive OR.",
        description: "Floats are truncated to integers first. The result is a signed 64-bit integer.",
        params: [.int("value", "The integer to combine with.")],
        examples: [
            Example(#"root.flags = this.flags.bitwise_xor(1)"#, #"{"flags":7}"#, #"{"flags":6}"#)
        ]
    ) { target, args, _ in
        .int(try target.bitwiseOperand() ^ args.int(0))
    }
}
