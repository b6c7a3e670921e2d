import Bloblang

extension MethodSpec {
    static let escapeURLPath = MethodSpec(
        "escape_url_path", category: .strings,
        summary: "Percent-encodes a string for use as one segment of a URL path; spaces become `%20`.",
        examples: [
            Example(#"root.escaped = this.value.escape_url_path()"#, #"{"value":"fish & chips"}"#, #"{"escaped":"fish%20&%20chips"}"#),
            Example(
                #"root.url = "https://example.com/files/" + this.name.escape_url_path()"#, #"{"name":"q1/q2 report.pdf"}"#,
                #"{"url":"https://example.com/files/q1%2Fq2%20report.pdf"}"#),
        ]
    ) { (target: Value, _: Arguments, _: EvalContext) in
        .string(GoURL.pathEscape(try target.getString()))
    }
}
