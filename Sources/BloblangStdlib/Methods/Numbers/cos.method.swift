import Bloblang

extension MethodSpec {
    static let cos = MethodSpec(
        "cos", category: .numbers,
        summary: "Returns the cosine of an angle given in radians.",
        examples: [
            Example(
                #"root.x = (this.degrees * pi() / 180).cos()"#,
                pairs: [
                    .init(#"{"degrees":60}"#, #"{"x":0.5000000000000001}"#),
                    .init(#"{"degrees":360}"#, #"{"x":1}"#),
                ])
        ]
    ) { target, _, _ in
        try pluginMethodBody { .float(GoMath.cos(try target.getNumber())) }
    }
}
