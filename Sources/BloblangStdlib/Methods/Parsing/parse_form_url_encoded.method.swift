import Bloblang

extension MethodSpec {
    static let parseFormURLEncoded = MethodSpec(
        "parse_form_url_encoded", category: .parsing,
        summary: "Parses a URL-encoded query string, such as an `x-www-form-urlencoded` request body, into an object.",
        description: "A key given once maps to its string value; a key given several times maps to an array of its values, in order.",
        examples: [
            Example(
                #"root.values = this.body.parse_form_url_encoded()"#,
                #"{"body":"noise=meow&animal=cat&fur=orange&fur=fluffy"}"#,
                #"{"values":{"animal":"cat","fur":["orange","fluffy"],"noise":"meow"}}"#),
        ]
    ) { (target: Value, _: Arguments, _: EvalContext) in
        let parsed = GoURL.parseQuery(try target.getString())
        if let error = parsed.error {
            throw RuntimeError("failed to parse value as url-encoded data: \(error.message)")
        }
        var object: [String: Value] = [:]
        for (key, values) in parsed.values {
            object[key] = values.count == 1 ? .string(values[0]) : .array(values.map(Value.string))
        }
        return .object(object)
    }
}
