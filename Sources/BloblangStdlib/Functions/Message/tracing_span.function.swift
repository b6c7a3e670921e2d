import Bloblang

extension FunctionSpec {
    static let tracingSpan = FunctionSpec(
        "tracing_span", category: .message, status: .experimental,
        summary: "The tracing span of the message as an object, or null when it has none (Sluice does not trace messages yet).",
        examples: [Example(#"root.span = tracing_span()"#, "{}", #"{"span":null}"#)]
    ) { _, _ in .null }
}
