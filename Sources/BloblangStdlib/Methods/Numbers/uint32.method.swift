import Bloblang

extension MethodSpec {
    static let uint32 = MethodSpec(
        "uint32", category: .numbers,
        summary: "Converts a number, or a string holding one, to an unsigned 32-bit integer.",
        description: """
            Meant for components that need this exact type (some SQL drivers do). Strings are \
            parsed as Go's `strconv.ParseUint` does with base 0, so `0x`, `0o` and `0b` \
            prefixes work. Floats with a fractional part and values out of \
            range are errors: call `.round()` first to convert a float with decimals.
            """,
        examples: [
            Example(
                "root.a = this.a.uint32()\nroot.b = this.b.round().uint32()\nroot.c = this.c.uint32()",
                #"{"a":42,"b":41.7,"c":"42"}"#, #"{"a":42,"b":42,"c":42}"#),
            Example(#"root = this.uint32()"#, #""0xFFFFFFFF""#, "4294967295"),
        ]
    ) { target, _, _ in
        try pluginMethodBody { .uint(try target.toUnsignedInteger(bits: 32)) }
    }
}
