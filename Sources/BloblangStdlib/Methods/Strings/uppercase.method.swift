import Bloblang

extension MethodSpec {
    static let uppercase = MethodSpec(
        "uppercase", category: .strings,
        summary: "Converts every letter of a string to upper case.",
        examples: [
            Example(#"root.foo = this.foo.uppercase()"#, #"{"foo":"hello world"}"#, #"{"foo":"HELLO WORLD"}"#),
            Example(#"root.code = this.code.uppercase()"#, #"{"code":"abc-123-é"}"#, #"{"code":"ABC-123-É"}"#),
        ]
    ) { (target: Value, _: Arguments, _: EvalContext) in
        let text = try TextTarget(target)
        return text.wrap(GoCaseMapping.upper(text.bytes))
    }
}
