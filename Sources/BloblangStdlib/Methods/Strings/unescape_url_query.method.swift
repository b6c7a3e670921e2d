import Bloblang

extension MethodSpec {
    static let unescapeURLQuery = MethodSpec(
        "unescape_url_query", category: .strings,
        summary: "Decodes a URL query parameter: `+` becomes a space and `%XX` escapes become bytes.",
        examples: [
            Example(#"root.text = this.value.unescape_url_query()"#, #"{"value":"fish+%26+chips"}"#, #"{"text":"fish & chips"}"#),
            Example(
                #"root.text = this.value.unescape_url_query()"#, #"{"value":"100%"}"#,
                #"Error("failed assignment (line 1): field `this.value`: invalid URL escape "%"")"#),
        ]
    ) { (target: Value, _: Arguments, _: EvalContext) in
        do {
            return .string(try GoURL.queryUnescape(try target.getString()))
        } catch let failure as GoURL.Failure {
            throw RuntimeError(failure.message)
        }
    }
}
