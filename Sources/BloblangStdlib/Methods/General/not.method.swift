import Bloblang

extension MethodSpec {
    static let not = MethodSpec(
        "not", category: .general,
        summary: "Negates a boolean.",
        examples: [Example(#"root.closed = this.open.not()"#, #"{"open":true}"#, #"{"closed":false}"#)]
    ) { target, _, _ in
        guard case .bool(let b) = target else { throw RuntimeError.type(expected: [.bool], got: target) }
        return .bool(!b)
    }
}
