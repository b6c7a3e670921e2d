import Bloblang
import StreamRuntime

extension StreamComponents.ProcessorSpecs {
    static let noop = ComponentSpec(
        .processor, "noop",
        summary: "Passes messages through untouched.",
        description: """
            Useful as a placeholder, for example as the processors of a `switch` case that should \
            match messages without changing them.
            """,
        fields: [FieldSpec("", .object([]), "No options; write `{}`.", default: .object([:]))],
        examples: [ConfigExample("Do nothing", yaml: "noop: {}")]
    ) { _, _ in
        .processor(NoopProcessor())
    }
}

/// The `noop` processor.
struct NoopProcessor: Processor {
    func process(_ batch: Batch) async -> [Batch] { [batch] }
}
