import Bloblang

extension MethodSpec {
    static let split = MethodSpec(
        "split", category: .strings,
        summary: "Splits a string into an array of the substrings between each occurrence of a delimiter.",
        description: "An empty delimiter splits the string into its characters (code points).",
        params: [
            .string("delimiter", "The delimiter to split on."),
            .bool("empty_as_null", "Whether empty substrings become `null`.", default: false),
        ],
        examples: [
            Example(#"root.new_value = this.value.split(",")"#, #"{"value":"foo,bar,baz"}"#, #"{"new_value":["foo","bar","baz"]}"#),
            Example(#"root.new_value = this.value.split(",", true)"#, #"{"value":"foo,,qux"}"#, #"{"new_value":["foo",null,"qux"]}"#),
            Example(#"root.letters = this.word.split("")"#, #"{"word":"café"}"#, #"{"letters":["c","a","f","é"]}"#),
        ]
    ) { (target: Value, args: Arguments, _: EvalContext) in
        let text = try TextTarget(target)
        let emptyAsNull = args.bool(1)
        let parts = GoBytes.split(text.bytes, by: Array(args.string(0).utf8))
        return .array(parts.map { part in
            if emptyAsNull && part.isEmpty { return .null }
            return text.wrap(part)
        })
    }
}
