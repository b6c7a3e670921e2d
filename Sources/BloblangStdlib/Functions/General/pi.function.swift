import Bloblang

extension FunctionSpec {
    static let pi = FunctionSpec(
        "pi", category: .general,
        summary: "The number π.",
        examples: [
            Example(#"root.radians = this.degrees * (pi() / 180)"#, #"{"degrees":180}"#, #"{"radians":3.141592653589793}"#)
        ]
    ) { _, _ in .float(Double.pi) }
}
