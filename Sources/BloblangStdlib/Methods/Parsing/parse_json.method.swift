import Bloblang

extension MethodSpec {
    static let parseJSON = MethodSpec(
        "parse_json", category: .parsing,
        summary: "Parses a string or bytes as JSON.",
        description: "Numbers become floats, as Go's decoder gives them, unless `use_number` keeps integers exact.",
        params: [.bool("use_number", "Keep integers as exact integers instead of floats.", default: false)],
        examples: [
            Example(#"root.doc = this.doc.parse_json()"#, #"{"doc":"{\"foo\":\"bar\"}"}"#, #"{"doc":{"foo":"bar"}}"#),
            Example(#"root.n = this.doc.parse_json(use_number: true).n"#, #"{"doc":"{\"n\":9007199254740993}"}"#, #"{"n":9007199254740993}"#),
        ],
        prepare: { args in
            let numbers: JSONReader.Numbers = args.bool(0) ? .integersWhenExact : .allFloats
            return { target, _ in
                let bytes: [UInt8]
                switch target {
                case .string(let s): bytes = Array(s.utf8)
                case .bytes(let b): bytes = b
                default: throw RuntimeError.type(expected: [.string], got: target)
                }
                return try JSONReader.decodeFirst(bytes, numbers: numbers).0
            }
        }
    )
}
