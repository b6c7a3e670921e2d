import Bloblang

extension MethodSpec {
    static let parseYAML = MethodSpec(
        "parse_yaml", category: .parsing,
        summary: "Parses a string or bytes as a YAML document.",
        examples: [Example(#"root.doc = this.doc.parse_yaml()"#, #"{"doc":"foo: bar\nn: 3"}"#, #"{"doc":{"foo":"bar","n":3}}"#)]
    ) { target, _, _ in
        try YAMLCodec.parse(try target.getString())
    }
}
