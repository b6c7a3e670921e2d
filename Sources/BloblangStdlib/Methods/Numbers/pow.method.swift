import Bloblang

extension MethodSpec {
    static let pow = MethodSpec(
        "pow", category: .numbers,
        summary: "Raises a number to the given exponent.",
        description: "The result is always a float.",
        params: [.float("exponent", "The power to raise the number to.")],
        examples: [
            Example(#"root.area = this.side.pow(2)"#, #"{"side":1.5}"#, #"{"area":2.25}"#),
            Example(#"root.bytes = this.kib * 2.pow(10)"#, #"{"kib":3}"#, #"{"bytes":3072}"#),
            Example(#"root.inverse = this.n.pow(-1)"#, #"{"n":4}"#, #"{"inverse":0.25}"#),
        ]
    ) { target, args, _ in
        try pluginMethodBody { .float(GoMath.pow(try target.getNumber(), args.float(0))) }
    }
}
