import Bloblang

extension MethodSpec {
    static let unquote = MethodSpec(
        "unquote", category: .strings,
        summary: "Reads a quoted Go string literal (double-quoted, back-quoted or a single-quoted character) and returns its text.",
        examples: [
            Example(#"root.unquoted = this.thing.unquote()"#, #"{"thing":"\"foo\\nbar\""}"#, #"{"unquoted":"foo\nbar"}"#),
            Example(#"root.unquoted = this.thing.unquote()"#, #"{"thing":"`C:\\temp`"}"#, #"{"unquoted":"C:\\temp"}"#),
            Example(
                #"root.unquoted = this.thing.unquote()"#, #"{"thing":"not quoted"}"#,
                #"Error("failed assignment (line 1): field `this.thing`: invalid syntax")"#),
        ]
    ) { (target: Value, _: Arguments, _: EvalContext) in
        guard let bytes = GoStrconv.unquote(Array(try target.getString().utf8)) else {
            throw RuntimeError(GoStrconv.syntaxError)
        }
        return .string(String(decoding: bytes, as: UTF8.self))
    }
}
