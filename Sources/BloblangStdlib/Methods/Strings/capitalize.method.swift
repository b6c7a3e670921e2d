import Bloblang

extension MethodSpec {
    static let capitalize = MethodSpec(
        "capitalize", category: .strings,
        summary: "Title-cases a string: each word starts with a capital letter and the rest of it is lower case.",
        examples: [
            Example(#"root.title = this.title.capitalize()"#, #"{"title":"the foo bar"}"#, #"{"title":"The Foo Bar"}"#),
            Example(#"root.name = this.name.capitalize()"#, #"{"name":"mARY o'NEIL"}"#, #"{"name":"Mary O'neil"}"#),
        ]
    ) { (target: Value, _: Arguments, _: EvalContext) in
        let text = try TextTarget(target)
        return text.wrap(GoCaseMapping.title(text.bytes))
    }
}
