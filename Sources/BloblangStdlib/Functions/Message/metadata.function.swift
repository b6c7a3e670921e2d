import Bloblang

extension FunctionSpec {
    static let metadata = FunctionSpec(
        "metadata", category: .message,
        summary: "A metadata value of the message by key (null when absent), or all metadata as an object when no key is given.",
        params: [.string("key", "The metadata key.", default: "")],
        examples: [Example(#"root.all = metadata()"#, "{}", "{\"all\":{}}")]
    ) { args, ctx in
        let key = args.string(0)
        if key.isEmpty { return .object(ctx.metadata) }
        return ctx.metadata[key] ?? .null
    }
}
