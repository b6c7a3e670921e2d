import Bloblang

extension MethodSpec {
    static let float32 = MethodSpec(
        "float32", category: .numbers,
        summary: "Converts a number, or a string holding one, to a 32-bit float.",
        description: """
            Meant for components that need this exact type (some SQL drivers do). Strings are \
            parsed as Go's `strconv.ParseFloat` does, and the value is rounded to 32-bit \
            precision, so it prints with the few digits a 32-bit float holds.
            """,
        examples: [
            Example(#"root.g = this.g.float32()"#, #"{"g":"6.674302123456789e-11"}"#, #"{"g":6.674302e-11}"#),
            Example(#"root = this.float32().string()"#, "0.1", "0.1"),
        ]
    ) { target, _, _ in
        try pluginMethodBody { .float(try target.toFloat32()) }
    }
}
