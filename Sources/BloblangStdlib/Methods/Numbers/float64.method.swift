import Bloblang

extension MethodSpec {
    static let float64 = MethodSpec(
        "float64", category: .numbers,
        summary: "Converts a number, or a string holding one, to a 64-bit float.",
        description: """
            Meant for components that need this exact type (some SQL drivers do). Strings are \
            parsed as Go's `strconv.ParseFloat` does.
            """,
        examples: [
            Example(#"root.ratio = this.ratio.float64()"#, #"{"ratio":"1.25e-3"}"#, #"{"ratio":0.00125}"#),
            Example(#"root = this.float64().type()"#, "7", "number"),
        ]
    ) { target, _, _ in
        try pluginMethodBody { .float(try target.toFloat()) }
    }
}
