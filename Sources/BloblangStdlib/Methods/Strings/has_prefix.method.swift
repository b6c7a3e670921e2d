import Bloblang

extension MethodSpec {
    static let hasPrefix = MethodSpec(
        "has_prefix", category: .strings,
        summary: "Tests whether a string starts with the given prefix.",
        params: [.string("value", "The prefix to test for.")],
        examples: [
            Example(
                "root.t1 = this.v1.has_prefix(\"foo\")\nroot.t2 = this.v2.has_prefix(\"foo\")",
                #"{"v1":"foobar","v2":"barfoo"}"#, #"{"t1":true,"t2":false}"#),
        ]
    ) { (target: Value, args: Arguments, _: EvalContext) in
        .bool(GoBytes.hasPrefix(try TextTarget(target).bytes, Array(args.string(0).utf8)))
    }
}
