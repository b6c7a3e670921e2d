import Bloblang

extension MethodSpec {
    static let escapeHTML = MethodSpec(
        "escape_html", category: .strings,
        summary: "Replaces the characters that are special in HTML (`<`, `>`, `&`, `'` and `\"`) by character references.",
        examples: [
            Example(#"root.escaped = this.value.escape_html()"#, #"{"value":"fish & chips"}"#, #"{"escaped":"fish &amp; chips"}"#),
            Example(
                #"root.safe = this.comment.escape_html()"#, #"{"comment":"<b>\"hi\"</b>"}"#,
                #"{"safe":"&lt;b&gt;&#34;hi&#34;&lt;/b&gt;"}"#),
        ]
    ) { (target: Value, _: Arguments, _: EvalContext) in
        .string(HTMLEscaping.escape(try target.getString()))
    }
}
