import Bloblang

extension MethodSpec {
    static let quote = MethodSpec(
        "quote", category: .strings,
        summary: "Wraps a string in double quotes, escaping quotes, backslashes and non-printable characters as Go string literals do.",
        examples: [
            Example(#"root.quoted = this.thing.quote()"#, #"{"thing":"foo\nbar"}"#, #"{"quoted":"\"foo\\nbar\""}"#),
            Example(#"root.quoted = this.thing.quote()"#, #"{"thing":"say \"hi\"\t"}"#, #"{"quoted":"\"say \\\"hi\\\"\\t\""}"#),
        ]
    ) { (target: Value, _: Arguments, _: EvalContext) in
        .string(GoStrconv.quote(try target.getString()))
    }
}
