import Bloblang

extension MethodSpec {
    static let reverse = MethodSpec(
        "reverse", category: .strings,
        summary: "Reverses the order of the characters of a string (code points), or of the bytes of a byte array.",
        examples: [
            Example(#"root.reversed = this.thing.reverse()"#, #"{"thing":"backwards"}"#, #"{"reversed":"sdrawkcab"}"#),
            Example(#"root = content().reverse()"#, #"{"thing":"backwards"}"#, #"}"sdrawkcab":"gniht"{"#),
        ]
    ) { (target: Value, _: Arguments, _: EvalContext) in
        switch target {
        case .string(let s):
            var out = String.UnicodeScalarView()
            out.append(contentsOf: s.unicodeScalars.reversed())
            return .string(String(out))
        case .bytes(let b):
            return .bytes(b.reversed())
        default:
            throw RuntimeError.type(expected: [.string], got: target)
        }
    }
}
