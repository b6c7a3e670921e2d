import Bloblang

extension MethodSpec {
    static let replaceMany = MethodSpec(
        "replace_many", category: .deprecated, status: .deprecated,
        summary: "An older name of `replace_all_many`.",
        params: [.array("values", "Pairs of values: each even element is replaced by the element after it.")],
        examples: [
            Example(#"root.v = this.v.replace_many(["a", "1", "b", "2"])"#, #"{"v":"abc"}"#, #"{"v":"12c"}"#)
        ],
        prepare: replaceAllManyPrepare
    )
}
