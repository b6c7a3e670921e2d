import Bloblang

extension MethodSpec {
    static let from = MethodSpec(
        "from", category: .general,
        summary: "Evaluates the target as if another message of the batch were the current one.",
        description: "`content()`, `this`, `json()` and metadata then read that message.",
        params: [.int("index", "The position of the message in the batch, from 0.")],
        examples: [Example(#"root.first = content().from(0).string()"#, #"{"a":1}"#, #"{"first":"{\"a\":1}"}"#)],
        lazy: { target, args, ctx in
            try ctx.withMessage(at: Int(args.int(0))) { try target() }
        }
    )
}
