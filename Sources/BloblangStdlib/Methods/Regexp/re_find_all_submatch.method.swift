import Bloblang

extension MethodSpec {
    static let reFindAllSubmatch = MethodSpec(
        "re_find_all_submatch", category: .regexp,
        summary: "Lists every match of a regular expression together with its capture groups.",
        description: """
            Gives one array per match: the whole match first, then the text of each capture group \
            in order. A group that took no part in the match gives an empty string.
            """,
        params: [.string("pattern", "The regular expression to look for.")],
        examples: [
            Example(
                #"root.parts = this.value.re_find_all_submatch("([a-z]+)=([0-9]*)")"#, #"{"value":"a=1,b=,c=33"}"#,
                #"{"parts":[["a=1","a","1"],["b=","b",""],["c=33","c","33"]]}"#),
            Example(
                #"root.hosts = this.text.re_find_all_submatch("(\\w+)@(\\w+\\.\\w+)")"#,
                #"{"text":"mail ann@site.io, joe@corp.net"}"#,
                #"{"hosts":[["ann@site.io","ann","site.io"],["joe@corp.net","joe","corp.net"]]}"#),
        ],
        prepare: { args in
            let re = try RegexpSupport.compile(args.string(0))
            return { target, _ in
                switch target {
                case .string(let s):
                    let matches = re.allSubmatchStrings(in: s)
                    return .array(matches.map { groups in .array(groups.map { .string($0 ?? "") }) })
                case .bytes(let b):
                    let matches = re.allMatches(in: b)
                    return .array(matches.map { m in .array(m.groups.map { .string(RegexpSupport.text(b, $0)) }) })
                default:
                    throw RegexpSupport.badTarget(target)
                }
            }
        }
    )
}
