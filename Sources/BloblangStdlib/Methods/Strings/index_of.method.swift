import Bloblang

extension MethodSpec {
    static let indexOf = MethodSpec(
        "index_of", category: .strings,
        summary: "Returns the byte offset of the first occurrence of a substring, or -1 when it does not occur.",
        params: [.string("value", "The substring to look for.")],
        examples: [
            Example(#"root.index = this.thing.index_of("bar")"#, #"{"thing":"foobar"}"#, #"{"index":3}"#),
            Example(#"root.index = content().index_of("meow")"#, "the cat meowed, the dog woofed", #"{"index":8}"#),
        ]
    ) { (target: Value, args: Arguments, _: EvalContext) in
        .int(Int64(GoBytes.index(of: Array(args.string(0).utf8), in: try TextTarget(target).bytes)))
    }
}
