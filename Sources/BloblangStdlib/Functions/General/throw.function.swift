import Bloblang

extension FunctionSpec {
    static let `throw` = FunctionSpec(
        "throw", category: .general,
        summary: "Fails with the given message; `.catch()` can recover from it.",
        params: [.string("why", "The error message.")],
        examples: [
            Example(
                #"root.n = if this.n < 0 { throw("negative") } else { this.n }"#,
                pairs: [.init(#"{"n":3}"#, #"{"n":3}"#), .init(#"{"n":-3}"#, #"Error("failed assignment (line 1): negative")"#)])
        ]
    ) { args, _ in throw RuntimeError(args.string(0), code: .thrown) }
}
