import Bloblang

extension MethodSpec {
    static let tan = MethodSpec(
        "tan", category: .numbers,
        summary: "Returns the tangent of an angle given in radians.",
        examples: [
            Example(
                #"root.slope = "%.4f".format((this.degrees * pi() / 180).tan())"#,
                pairs: [
                    .init(#"{"degrees":30}"#, #"{"slope":"0.5774"}"#),
                    .init(#"{"degrees":135}"#, #"{"slope":"-1.0000"}"#),
                ])
        ]
    ) { target, _, _ in
        try pluginMethodBody { .float(GoMath.tan(try target.getNumber())) }
    }
}
