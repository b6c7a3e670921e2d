import Bloblang

extension MethodSpec {
    static let trim = MethodSpec(
        "trim", category: .strings,
        summary: "Removes white space, or the characters of a given cutset, from both ends of a string.",
        params: [.string("cutset", "The characters to remove; white space when left out.").optional()],
        examples: [
            Example(
                "root.title = this.title.trim(\"!?\")\nroot.description = this.description.trim()",
                #"{"description":"  something happened and its amazing! ","title":"!!!watch out!?"}"#,
                #"{"description":"something happened and its amazing!","title":"watch out"}"#),
        ]
    ) { (target: Value, args: Arguments, _: EvalContext) in
        let text = try TextTarget(target)
        if let cutset = args.optionalString(0) {
            return text.wrap(GoBytes.trim(text.bytes, cutset: Array(cutset.utf8)))
        }
        return text.wrap(GoBytes.trimSpace(text.bytes))
    }
}
