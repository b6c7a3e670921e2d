import Bloblang

extension MethodSpec {
    static let formatJSON = MethodSpec(
        "format_json", category: .parsing,
        summary: "Serialises a value as JSON text (bytes), indented by default.",
        params: [
            .string("indent", "The indentation of each level.", default: "    "),
            .bool("no_indent", "Write compact JSON on one line.", default: false),
            .bool("escape_html", "Escape `<`, `>` and `&` as `\\u003c` and so on.", default: true),
        ],
        examples: [
            Example(#"root = this.doc.format_json()"#, #"{"doc":{"foo":"bar"}}"#, "{\n    \"foo\": \"bar\"\n}"),
            Example(#"root.doc = this.doc.format_json(no_indent: true).string()"#, #"{"doc":{"a":"<b>"}}"#, #"{"doc":"{\"a\":\"\\u003cb\\u003e\"}"}"#),
        ],
        prepare: { args in
            let indent = args.bool(1) ? "" : args.string(0)
            let escapeHTML = args.bool(2)
            return { target, _ in
                try JSONWriter.checkEncodable(target)
                return .bytes(JSONWriter.pretty(target, indent: indent, escapeHTML: escapeHTML))
            }
        }
    )
}
