import Bloblang

extension MethodSpec {
    static let sin = MethodSpec(
        "sin", category: .numbers,
        summary: "Returns the sine of an angle given in radians.",
        examples: [
            Example(
                #"root.y = (this.degrees * pi() / 180).sin()"#,
                pairs: [
                    .init(#"{"degrees":30}"#, #"{"y":0.49999999999999994}"#),
                    .init(#"{"degrees":270}"#, #"{"y":-1}"#),
                ])
        ]
    ) { target, _, _ in
        try pluginMethodBody { .float(GoMath.sin(try target.getNumber())) }
    }
}
