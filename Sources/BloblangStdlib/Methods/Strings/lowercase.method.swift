import Bloblang

extension MethodSpec {
    static let lowercase = MethodSpec(
        "lowercase", category: .strings,
        summary: "Converts every letter of a string to lower case.",
        examples: [
            Example(#"root.foo = this.foo.lowercase()"#, #"{"foo":"HELLO WORLD"}"#, #"{"foo":"hello world"}"#),
            Example(#"root.email = this.email.lowercase()"#, #"{"email":"Ada@Example.COM"}"#, #"{"email":"ada@example.com"}"#),
        ]
    ) { (target: Value, _: Arguments, _: EvalContext) in
        let text = try TextTarget(target)
        return text.wrap(GoCaseMapping.lower(text.bytes))
    }
}
