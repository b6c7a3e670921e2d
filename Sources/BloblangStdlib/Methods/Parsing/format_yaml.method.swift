import Bloblang

extension MethodSpec {
    static let formatYAML = MethodSpec(
        "format_yaml", category: .parsing,
        summary: "Serialises a value as a YAML document (bytes).",
        examples: [
            Example(#"root = this.doc.format_yaml()"#, #"{"doc":{"foo":"bar"}}"#, "foo: bar"),
            Example(#"root.doc = this.doc.format_yaml().string()"#, #"{"doc":{"a":[1,2]}}"#, #"{"doc":"a:\n    - 1\n    - 2\n"}"#),
        ]
    ) { target, _, _ in
        .bytes(Array(YAMLCodec.format(target).utf8))
    }
}
