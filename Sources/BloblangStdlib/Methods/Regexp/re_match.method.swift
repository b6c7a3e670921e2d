import Bloblang

extension MethodSpec {
    static let reMatch = MethodSpec(
        "re_match", category: .regexp,
        summary: "Reports whether a regular expression matches anywhere in a string.",
        description: """
            Gives `true` when the pattern (RE2 syntax, as in Go) matches some part of the target \
            string or byte array, and `false` otherwise. Anchor the pattern with `^` and `$` to \
            test the whole value.
            """,
        params: [.string("pattern", "The regular expression to look for.")],
        examples: [
            Example(
                #"root.has_digit = this.code.re_match("[0-9]")"#,
                pairs: [.init(#"{"code":"ab7c"}"#, #"{"has_digit":true}"#), .init(#"{"code":"abc"}"#, #"{"has_digit":false}"#)]),
            Example(#"root.valid = this.id.re_match("^[a-f0-9]{8}$")"#, #"{"id":"deadbeef"}"#, #"{"valid":true}"#),
        ],
        prepare: { args in
            let re = try RegexpSupport.compile(args.string(0))
            return { target, _ in
                switch target {
                case .string(let s): return .bool(re.matches(s))
                case .bytes(let b): return .bool(re.matches(b))
                default: throw RegexpSupport.badTarget(target)
                }
            }
        }
    )
}
