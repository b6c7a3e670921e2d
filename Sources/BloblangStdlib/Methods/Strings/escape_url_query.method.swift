import Bloblang

extension MethodSpec {
    static let escapeURLQuery = MethodSpec(
        "escape_url_query", category: .strings,
        summary: "Percent-encodes a string for use as a URL query parameter; spaces become `+`.",
        examples: [
            Example(#"root.escaped = this.value.escape_url_query()"#, #"{"value":"fish & chips"}"#, #"{"escaped":"fish+%26+chips"}"#),
            Example(
                #"root.url = "https://example.com/search?q=" + this.q.escape_url_query()"#, #"{"q":"50% off?"}"#,
                #"{"url":"https://example.com/search?q=50%25+off%3F"}"#),
        ]
    ) { (target: Value, _: Arguments, _: EvalContext) in
        .string(GoURL.queryEscape(try target.getString()))
    }
}
