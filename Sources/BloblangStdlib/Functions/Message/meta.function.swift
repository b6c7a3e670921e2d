import Bloblang

extension FunctionSpec {
    static let meta = FunctionSpec(
        "meta", category: .message, status: .deprecated,
        summary:
            "A metadata value of the message as a string (null when absent), or all metadata as an object of strings when no key is given; prefer `@key`.",
        params: [.string("key", "The metadata key.", default: "")],
        examples: [Example(#"root.all = meta()"#, "{}", "{\"all\":{}}")]
    ) { args, ctx in
        let key = args.string(0)
        if key.isEmpty { return .object(ctx.metadata.mapValues { .string($0.plainString) }) }
        guard let v = ctx.metadata[key] else { return .null }
        return .string(v.plainString)
    }
}
