import Bloblang

extension MethodSpec {
    static let replace = MethodSpec(
        "replace", category: .deprecated, status: .deprecated,
        summary: "An older name of `replace_all`.",
        params: [.string("old", "The substring to replace."), .string("new", "The replacement.")],
        examples: [
            Example(#"root.new_value = this.value.replace("foo","dog")"#, #"{"value":"foo food"}"#, #"{"new_value":"dog dogd"}"#)
        ],
        prepare: replaceAllPrepare
    )
}
