import Bloblang

extension FunctionSpec {
    static let deleted = FunctionSpec(
        "deleted", category: .general,
        summary:
            "A marker that removes what it is assigned to: the message (`root`), a field, a metadata key or an array element.",
        examples: [
            Example("root = this\nroot.secret = deleted()", #"{"id":1,"secret":"x"}"#, #"{"id":1}"#),
            Example(#"root = if this.drop { deleted() }"#, #"{"drop":true}"#, "<Message deleted>"),
        ]
    ) { _, _ in .delete }
}
