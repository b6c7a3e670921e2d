import Bloblang

extension MethodSpec {
    static let log = MethodSpec(
        "log", category: .numbers,
        summary: "Returns the natural logarithm (base e) of a number.",
        description: "The result is always a float. Zero gives negative infinity and negative numbers give NaN.",
        examples: [
            Example(#"root.ln = this.n.log()"#, #"{"n":10}"#, #"{"ln":2.302585092994046}"#),
            Example(
                #"root.ln = this.n.log().round()"#,
                pairs: [.init(#"{"n":1}"#, #"{"ln":0}"#), .init(#"{"n":7.39}"#, #"{"ln":2}"#)]),
        ]
    ) { target, _, _ in
        .float(GoMath.log(try target.getNumber()))
    }
}
