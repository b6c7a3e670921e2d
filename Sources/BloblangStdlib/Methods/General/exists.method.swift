import Bloblang

extension MethodSpec {
    static let exists = MethodSpec(
        "exists", category: .objectAndArray,
        summary: "Tells whether a dot path is present in an object, even when it holds null.",
        params: [.string("path", "The dot path to look for.")],
        examples: [
            Example(
                #"root.has_b = this.exists("a.b")"#,
                pairs: [.init(#"{"a":{"b":null}}"#, #"{"has_b":true}"#), .init(#"{"a":{}}"#, #"{"has_b":false}"#)])
        ]
    ) { target, args, _ in
        var current = target
        for seg in Value.splitDotPath(args.string(0)) {
            switch current {
            case .object(let o):
                guard let next = o[seg] else { return .bool(false) }
                current = next
            case .array(let a):
                guard let i = Int(seg), i >= 0, i < a.count else { return .bool(false) }
                current = a[i]
            default:
                return .bool(false)
            }
        }
        return .bool(true)
    }
}
