import Bloblang

extension MethodSpec {
    static let log10 = MethodSpec(
        "log10", category: .numbers,
        summary: "Returns the base-10 logarithm of a number.",
        description: "The result is always a float.",
        examples: [
            Example(
                #"root.digits = this.n.log10()"#,
                pairs: [.init(#"{"n":1000}"#, #"{"digits":3}"#), .init(#"{"n":0.01}"#, #"{"digits":-2}"#)])
        ]
    ) { target, _, _ in
        .float(GoMath.log10(try target.getNumber()))
    }
}
