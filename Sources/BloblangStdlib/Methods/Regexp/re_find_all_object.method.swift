import Bloblang

extension MethodSpec {
    static let reFindAllObject = MethodSpec(
        "re_find_all_object", category: .regexp,
        summary: "Gives every match of a regular expression as an object keyed by group.",
        description: """
            Like `re_find_object`, but for each non-overlapping match in turn: the result is an \
            array with one object per match, where `"0"` holds the whole match and each group is \
            keyed by its name, or its number when unnamed.
            """,
        params: [.string("pattern", "The regular expression to look for.")],
        examples: [
            Example(
                #"root.vars = this.query.re_find_all_object("(?P<key>\\w+)=(?P<val>\\w*)")"#, #"{"query":"a=1&b=&c=x"}"#,
                #"{"vars":[{"0":"a=1","key":"a","val":"1"},{"0":"b=","key":"b","val":""},{"0":"c=x","key":"c","val":"x"}]}"#),
            Example(
                #"root.lines = this.doc.re_find_all_object("(?m)^(\\w+): (?P<v>.*)$")"#, #"{"doc":"host: db\nport: 5432"}"#,
                #"{"lines":[{"0":"host: db","1":"host","v":"db"},{"0":"port: 5432","1":"port","v":"5432"}]}"#),
        ],
        prepare: { args in
            let re = try RegexpSupport.compile(args.string(0))
            let keys = RegexpSupport.groupKeys(re)
            return { target, _ in
                switch target {
                case .string(let s):
                    return .array(re.allSubmatchStrings(in: s).map { RegexpSupport.object(keys, $0) })
                case .bytes(let b):
                    return .array(re.allMatches(in: b).map { RegexpSupport.object(keys, $0.groups, in: b) })
                default:
                    throw RegexpSupport.badTarget(target)
                }
            }
        }
    )
}
