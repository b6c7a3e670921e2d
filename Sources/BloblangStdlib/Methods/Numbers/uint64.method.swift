import Bloblang

extension MethodSpec {
    static let uint64 = MethodSpec(
        "uint64", category: .numbers,
        summary: "Converts a number, or a string holding one, to an unsigned 64-bit integer.",
        description: """
            Meant for components that need this exact type (some SQL drivers do). Strings are \
            parsed as Go's `strconv.ParseUint` does with base 0, so `0x`, `0o` and `0b` \
            prefixes work. Floats with a fractional part and values out of \
            range are errors: call `.round()` first to convert a float with decimals.
            """,
        examples: [
            Example(
                "root.a = this.a.uint64()\nroot.b = this.b.round().uint64()\nroot.c = this.c.uint64()",
                #"{"a":42,"b":41.7,"c":"42"}"#, #"{"a":42,"b":42,"c":42}"#),
            Example(#"root = this.uint64()"#, #""18446744073709551615""#, "18446744073709551615"),
        ]
    ) { target, _, _ in
        try pluginMethodBody { .uint(try target.toUnsignedInteger(bits: 64)) }
    }
}
