import Bloblang

extension MethodSpec {
    static let reReplace = MethodSpec(
        "re_replace", category: .deprecated, status: .deprecated,
        summary: "An older name of `re_replace_all`.",
        params: [
            .string("pattern", "The regular expression to look for."),
            .string("value", "The replacement, which may refer to capture groups."),
        ],
        examples: [
            Example(#"root.out = this.in.re_replace("o+", "0")"#, #"{"in":"foo boo"}"#, #"{"out":"f0 b0"}"#)
        ],
        prepare: reReplaceAllPrepare
    )
}
