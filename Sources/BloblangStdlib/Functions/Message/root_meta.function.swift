import Bloblang

extension FunctionSpec {
    static let rootMeta = FunctionSpec(
        "root_meta", category: .message, status: .deprecated,
        summary: "A metadata value of the message being built, as a string; prefer `@key`.",
        params: [.string("key", "The metadata key.", default: "")],
        examples: [Example("meta foo = \"bar\"\nroot.v = root_meta(\"foo\")", "{}", #"{"v":"bar"}"#)]
    ) { args, ctx in
        let key = args.string(0)
        if key.isEmpty { return .object(ctx.metadata.mapValues { .string($0.plainString) }) }
        guard let v = ctx.metadata[key] else { return .null }
        return .string(v.plainString)
    }
}
