import Bloblang

extension MethodSpec {
    static let hasSuffix = MethodSpec(
        "has_suffix", category: .strings,
        summary: "Tests whether a string ends with the given suffix.",
        params: [.string("value", "The suffix to test for.")],
        examples: [
            Example(
                "root.t1 = this.v1.has_suffix(\"foo\")\nroot.t2 = this.v2.has_suffix(\"foo\")",
                #"{"v1":"foobar","v2":"barfoo"}"#, #"{"t1":false,"t2":true}"#),
        ]
    ) { (target: Value, args: Arguments, _: EvalContext) in
        .bool(GoBytes.hasSuffix(try TextTarget(target).bytes, Array(args.string(0).utf8)))
    }
}
