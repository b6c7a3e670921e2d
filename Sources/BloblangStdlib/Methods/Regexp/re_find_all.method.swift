import Bloblang

extension MethodSpec {
    static let reFindAll = MethodSpec(
        "re_find_all", category: .regexp,
        summary: "Lists every non-overlapping match of a regular expression in a string.",
        description: """
            Scans the target from left to right and gives an array with the text of each match. \
            Capture groups do not change the result; use `re_find_all_submatch` to get them.
            """,
        params: [.string("pattern", "The regular expression to look for.")],
        examples: [
            Example(#"root.pairs = this.word.re_find_all("[aeiou].")"#, #"{"word":"evolution"}"#, #"{"pairs":["ev","ol","ut","io"]}"#),
            Example(#"root.years = this.text.re_find_all("[0-9]{4}")"#, #"{"text":"from 1999 to 2024"}"#, #"{"years":["1999","2024"]}"#),
        ],
        prepare: { args in
            let re = try RegexpSupport.compile(args.string(0))
            return { target, _ in
                switch target {
                case .string(let s):
                    return .array(re.allMatchStrings(in: s).map(Value.string))
                case .bytes(let b):
                    return .array(re.allMatches(in: b).map { .string(RegexpSupport.text(b, $0.range)) })
                default:
                    throw RegexpSupport.badTarget(target)
                }
            }
        }
    )
}
