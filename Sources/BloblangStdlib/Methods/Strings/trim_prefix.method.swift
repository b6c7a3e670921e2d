import Bloblang

extension MethodSpec {
    static let trimPrefix = MethodSpec(
        "trim_prefix", category: .strings,
        summary: "Removes a prefix from a string when the string starts with it.",
        params: [.string("prefix", "The prefix to remove.")],
        examples: [
            Example(
                "root.name = this.name.trim_prefix(\"foobar_\")\nroot.description = this.description.trim_prefix(\"foobar_\")",
                #"{"description":"unchanged","name":"foobar_blobton"}"#, #"{"description":"unchanged","name":"blobton"}"#),
        ]
    ) { (target: Value, args: Arguments, _: EvalContext) in
        let text = try TextTarget(target)
        let bytes = text.bytes
        let prefix = Array(args.string(0).utf8)
        guard GoBytes.hasPrefix(bytes, prefix) else { return target }
        return text.wrap(Array(bytes[prefix.count...]))
    }
}
