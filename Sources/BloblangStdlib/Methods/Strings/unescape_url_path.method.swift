import Bloblang

extension MethodSpec {
    static let unescapeURLPath = MethodSpec(
        "unescape_url_path", category: .strings,
        summary: "Decodes the `%XX` escapes of a URL path segment (a `+` stays a `+`).",
        examples: [
            Example(#"root.text = this.value.unescape_url_path()"#, #"{"value":"fish%20&%20chips"}"#, #"{"text":"fish & chips"}"#),
            Example(#"root.name = this.path.unescape_url_path()"#, #"{"path":"a+b%2Bc.txt"}"#, #"{"name":"a+b+c.txt"}"#),
        ]
    ) { (target: Value, _: Arguments, _: EvalContext) in
        do {
            return .string(try GoURL.pathUnescape(try target.getString()))
        } catch let failure as GoURL.Failure {
            throw RuntimeError(failure.message)
        }
    }
}
