import Bloblang

extension FunctionSpec {
    static let `var` = FunctionSpec(
        "var", category: .general, status: .hidden,
        summary: "The value of a variable by name; the function form of `$name`.",
        params: [.string("name", "The variable's name.")],
        examples: [Example("let x = 5\nroot.x = var(\"x\")", "{}", #"{"x":5}"#)]
    ) { args, ctx in
        guard let v = ctx.vars[args.string(0)] else { throw RuntimeError("variable '\(args.string(0))' undefined") }
        return v
    }
}
