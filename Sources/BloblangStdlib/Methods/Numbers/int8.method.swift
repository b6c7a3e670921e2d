import Bloblang

extension MethodSpec {
    static let int8 = MethodSpec(
        "int8", category: .numbers,
        summary: "Converts a number, or a string holding one, to a signed 8-bit integer.",
        description: """
            Meant for components that need this exact type (some SQL drivers do). Strings are \
            parsed as Go's `strconv.ParseInt` does with base 0, so `0x`, `0o` and `0b` \
            prefixes work. Floats with a fractional part and values out of \
            range are errors: call `.round()` first to convert a float with decimals.
            """,
        examples: [
            Example(
                "root.a = this.a.int8()\nroot.b = this.b.round().int8()\nroot.c = this.c.int8()",
                #"{"a":42,"b":41.7,"c":"42"}"#, #"{"a":42,"b":42,"c":42}"#),
            Example(#"root = this.int8()"#, #""-128""#, "-128"),
        ]
    ) { target, _, _ in
        try pluginMethodBody { .int(try target.toSignedInteger(bits: 8)) }
    }
}
