import Bloblang

extension MethodSpec {
    static let bytes = MethodSpec(
        "bytes", category: .coercion,
        summary: "Converts any value to a byte array.",
        description: """
            Bytes are unchanged and strings give their UTF-8 encoding. Other values give the \
            bytes of their `.string()` form, so arrays and objects become compact JSON.
            """,
        examples: [
            Example(#"root.size = this.text.bytes().length()"#, #"{"text":"héllo"}"#, #"{"size":6}"#),
            Example(#"root.first = this.n.bytes().index(0)"#, #"{"n":42}"#, #"{"first":52}"#),
        ]
    ) { target, _, _ in
        switch target {
        case .delete, .nothing: .bytes(Array("null".utf8))
        default: .bytes(target.plainBytes)
        }
    }
}
