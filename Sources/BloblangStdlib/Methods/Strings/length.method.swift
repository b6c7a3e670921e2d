import Bloblang

extension MethodSpec {
    static let length = MethodSpec(
        "length", category: .strings,
        summary: "Returns the length of a string (in bytes of UTF-8), the number of elements of an array or the number of keys of an object.",
        examples: [
            Example(#"root.foo_len = this.foo.length()"#, #"{"foo":"hello world"}"#, #"{"foo_len":11}"#),
            Example(#"root.len = this.word.length()"#, #"{"word":"café"}"#, #"{"len":5}"#),
            Example(
                #"root.foo_len = this.foo.length()"#,
                pairs: [.init(#"{"foo":["first","second"]}"#, #"{"foo_len":2}"#),
                        .init(#"{"foo":{"first":"bar","second":"baz"}}"#, #"{"foo_len":2}"#)]),
        ]
    ) { (target: Value, _: Arguments, _: EvalContext) in
        switch target {
        case .string(let s): .int(Int64(s.utf8.count))
        case .bytes(let b): .int(Int64(b.count))
        case .array(let a): .int(Int64(a.count))
        case .object(let o): .int(Int64(o.count))
        default: throw RuntimeError.type(expected: [.string, .array, .object], got: target)
        }
    }
}
