import Bloblang

extension MethodSpec {
    static let int32 = MethodSpec(
        "int32", category: .numbers,
        summary: "Converts a number, or a string holding one, to a signed 32-bit integer.",
        description: """
            Meant for components that need this exact type (some SQL drivers do). Strings are \
            parsed as Go's `strconv.ParseInt` does with base 0, so `0x`, `0o` and `0b` \
            prefixes work. Floats with a fractional part and values out of \
            range are errors: call `.round()` first to convert a float with decimals.
            """,
        examples: [
            Example(
                "root.a = this.a.int32()\nroot.b = this.b.round().int32()\nroot.c = this.c.int32()",
                #"{"a":42,"b":41.7,"c":"42"}"#, #"{"a":42,"b":42,"c":42}"#),
            Example(#"root.n = this.n.int32().catch(-1)"#, pairs: [
                .init(#"{"n":"2147483647"}"#, #"{"n":2147483647}"#),
                .init(#"{"n":2147483648}"#, #"{"n":-1}"#),
            ]),
        ]
    ) { target, _, _ in
        try pluginMethodBody { .int(try target.toSignedInteger(bits: 32)) }
    }
}
