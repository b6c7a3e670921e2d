import Bloblang

extension MethodSpec {
    static let unescapeHTML = MethodSpec(
        "unescape_html", category: .strings,
        summary: "Replaces HTML character references (`&amp;`, `&#225;`, `&#xE1;`, ...) by the characters they stand for.",
        examples: [
            Example(#"root.text = this.value.unescape_html()"#, #"{"value":"fish &amp; chips"}"#, #"{"text":"fish & chips"}"#),
            Example(#"root.text = this.value.unescape_html()"#, #"{"value":"caf&eacute; &#8364;5"}"#, #"{"text":"café €5"}"#),
        ]
    ) { (target: Value, _: Arguments, _: EvalContext) in
        .string(HTMLEscaping.unescape(try target.getString()))
    }
}
