import Bloblang

extension MethodSpec {
    static let reFindObject = MethodSpec(
        "re_find_object", category: .regexp,
        summary: "Gives the first match of a regular expression as an object keyed by group.",
        description: """
            The key `"0"` holds the whole match, named groups such as `(?P<year>...)` are keyed by \
            name and unnamed groups by their number. A group that took no part in the match gives \
            an empty string. When nothing matches the result is an empty object. A byte array \
            target gives byte array values.
            """,
        params: [.string("pattern", "The regular expression to look for.")],
        examples: [
            Example(
                #"root.date = this.text.re_find_object("(?P<year>[0-9]{4})-(?P<month>[0-9]{2})")"#,
                #"{"text":"released 2023-07, patched 2024-01"}"#, #"{"date":{"0":"2023-07","month":"07","year":"2023"}}"#),
            Example(
                #"root.kv = this.line.re_find_object("(\\w+)=(?P<value>\\w*)")"#, #"{"line":"-- none --"}"#, #"{"kv":{}}"#),
        ],
        prepare: { args in
            let re = try RegexpSupport.compile(args.string(0))
            let keys = RegexpSupport.groupKeys(re)
            return { target, _ in
                switch target {
                case .string(let s):
                    guard let groups = re.firstSubmatchStrings(in: s) else { return .object([:]) }
                    return RegexpSupport.object(keys, groups)
                case .bytes(let b):
                    guard let m = re.firstMatch(in: b) else { return .object([:]) }
                    return RegexpSupport.object(keys, m.groups, in: b)
                default:
                    throw RegexpSupport.badTarget(target)
                }
            }
        }
    )
}
