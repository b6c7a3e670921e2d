import Bloblang

extension MethodSpec {
    static let uint8 = MethodSpec(
        "uint8", category: .numbers,
        summary: "Converts a number, or a string holding one, to an unsigned 8-bit integer.",
        description: """
            Meant for components that need this exact type (some SQL drivers do). Strings are \
            parsed as Go's `strconv.ParseUint` does with base 0, so `0x`, `0o` and `0b` \
            prefixes work. Floats with a fractional part and values out of \
            range are errors: call `.round()` first to convert a float with decimals.
            """,
        examples: [
            Example(
                "root.a = this.a.uint8()\nroot.b = this.b.round().uint8()\nroot.c = this.c.uint8()",
                #"{"a":42,"b":41.7,"c":"42"}"#, #"{"a":42,"b":42,"c":42}"#),
            Example(#"root.n = this.n.uint8().catch(0)"#, pairs: [
                .init(#"{"n":255}"#, #"{"n":255}"#),
                .init(#"{"n":256}"#, #"{"n":0}"#),
            ]),
        ]
    ) { target, _, _ in
        try pluginMethodBody { .uint(try target.toUnsignedInteger(bits: 8)) }
    }
}
