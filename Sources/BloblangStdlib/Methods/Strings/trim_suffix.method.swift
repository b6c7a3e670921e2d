import Bloblang

extension MethodSpec {
    static let trimSuffix = MethodSpec(
        "trim_suffix", category: .strings,
        summary: "Removes a suffix from a string when the string ends with it.",
        params: [.string("suffix", "The suffix to remove.")],
        examples: [
            Example(
                "root.name = this.name.trim_suffix(\"_foobar\")\nroot.description = this.description.trim_suffix(\"_foobar\")",
                #"{"description":"unchanged","name":"blobton_foobar"}"#, #"{"description":"unchanged","name":"blobton"}"#),
        ]
    ) { (target: Value, args: Arguments, _: EvalContext) in
        let text = try TextTarget(target)
        let bytes = text.bytes
        let suffix = Array(args.string(0).utf8)
        guard GoBytes.hasSuffix(bytes, suffix) else { return target }
        return text.wrap(Array(bytes[..<(bytes.count - suffix.count)]))
    }
}
