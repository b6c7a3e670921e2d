import Bloblang

extension FunctionSpec {
    static let nothing = FunctionSpec(
        "nothing", category: .general, status: .hidden,
        summary: "A marker that makes an assignment do nothing.",
        examples: [Example("root.a = 1\nroot.a = nothing()", #"{}"#, #"{"a":1}"#)]
    ) { _, _ in .nothing }
}
