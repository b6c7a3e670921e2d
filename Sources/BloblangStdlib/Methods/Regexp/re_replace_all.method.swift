import Bloblang

extension MethodSpec {
    static let reReplaceAll = MethodSpec(
        "re_replace_all", category: .regexp,
        summary: "Replaces every match of a regular expression, expanding group references.",
        description: """
            In the replacement, `$1` or `${1}` stands for the text of a capture group, `$name` or \
            `${name}` for a named group, `$0` for the whole match and `$$` for a dollar sign. A \
            reference runs as far as letters, digits and underscores go, so write `${1}x` rather \
            than `$1x` (which names a group called `1x`). References to groups that did not take \
            part expand to nothing. The result is a string, also for a byte array target.
            """,
        params: [
            .string("pattern", "The regular expression to look for."),
            .string("value", "The replacement, which may refer to capture groups."),
        ],
        examples: [
            Example(
                #"root.swapped = this.name.re_replace_all("(\\w+), (\\w+)", "$2 $1")"#, #"{"name":"Lovelace, Ada"}"#,
                #"{"swapped":"Ada Lovelace"}"#),
            Example(
                #"root.masked = this.card.re_replace_all("[0-9]{4}(?P<rest>-)", "****$rest")"#,
                #"{"card":"1234-5678-9012"}"#, #"{"masked":"****-****-9012"}"#),
        ],
        prepare: reReplaceAllPrepare
    )

    /// Shared with the older name `re_replace`.
    static let reReplaceAllPrepare: @Sendable (Arguments) throws -> Prepared = { args in
        let re = try RegexpSupport.compile(args.string(0))
        let template = args.string(1)
        return { target, _ in
            switch target {
            case .string(let s): return .string(re.replaceAll(in: s, with: template))
            case .bytes(let b): return .string(String(decoding: re.replaceAll(in: b, with: template), as: UTF8.self))
            default: throw RegexpSupport.badTarget(target)
            }
        }
    }
}
