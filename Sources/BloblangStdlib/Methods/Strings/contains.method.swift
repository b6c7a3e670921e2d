import Bloblang

extension MethodSpec {
    static let contains = MethodSpec(
        "contains", category: .strings,
        summary: "Tests whether a string holds a substring, or an array or object holds a value.",
        description: """
            On a string (or bytes) the argument is turned into text and searched for. On an array \
            the elements, and on an object the values, are compared with the argument; numbers \
            compare by value whatever their representation (`20` equals `20.0`).
            """,
        params: [.any("value", "The substring or value to look for.")],
        examples: [
            Example(
                #"root.has_foo = this.thing.contains("foo")"#,
                pairs: [.init(#"{"thing":"this foo that"}"#, #"{"has_foo":true}"#),
                        .init(#"{"thing":"this bar that"}"#, #"{"has_foo":false}"#)]),
            Example(
                #"root.has_bar = this.thing.contains(20)"#,
                pairs: [.init(#"{"thing":[10.3,20.0,"huh",3]}"#, #"{"has_bar":true}"#),
                        .init(#"{"thing":[2,3,40,67]}"#, #"{"has_bar":false}"#)]),
        ]
    ) { (target: Value, args: Arguments, _: EvalContext) in
        let needle = args[0]
        switch target {
        case .string(let s):
            return .bool(GoBytes.contains(Array(s.utf8), Array(needle.plainString.utf8)))
        case .bytes(let b):
            return .bool(GoBytes.contains(b, needle.plainBytes))
        case .array(let items):
            return .bool(items.contains { needle.looselyEquals($0) })
        case .object(let fields):
            return .bool(fields.values.contains { needle.looselyEquals($0) })
        default:
            throw RuntimeError.type(expected: [.string, .array, .object], got: target)
        }
    }
}
