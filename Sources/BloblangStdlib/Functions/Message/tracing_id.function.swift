import Bloblang

extension FunctionSpec {
    static let tracingID = FunctionSpec(
        "tracing_id", category: .message, status: .experimental,
        summary: "The trace id of the message, or an empty string when it has none.",
        examples: [Example(#"root.id = tracing_id()"#, "{}", #"{"id":""}"#)]
    ) { _, _ in .string("") }
}
