import Bloblang

extension MethodSpec {
    static let replaceAll = MethodSpec(
        "replace_all", category: .strings,
        summary: "Replaces every occurrence of a substring with another string.",
        params: [.string("old", "The substring to replace."), .string("new", "The replacement.")],
        examples: [
            Example(
                #"root.new_value = this.value.replace_all("foo","dog")"#, #"{"value":"The foo ate my homework"}"#,
                #"{"new_value":"The dog ate my homework"}"#),
            Example(#"root.slug = this.title.replace_all(" ", "-")"#, #"{"title":"a tale of two cities"}"#, #"{"slug":"a-tale-of-two-cities"}"#),
        ],
        prepare: replaceAllPrepare
    )

    /// Shared with the deprecated `replace`.
    static let replaceAllPrepare: @Sendable (Arguments) throws -> Prepared = { args in
        let old = Array(args.string(0).utf8)
        let new = Array(args.string(1).utf8)
        return { target, _ in
            let text = try TextTarget(target)
            return text.wrap(GoBytes.replaceAll(text.bytes, old, with: new))
        }
    }
}
