import Bloblang
import StreamRuntime

extension StreamComponents.ProcessorSpecs {
    static let resource = ComponentSpec(
        .processor, "resource",
        summary: "Runs the processor declared under `processor_resources` with the given label.",
        description: """
            Resources let one processor config be used in several places, and keep long configs tidy. \
            The resource must exist when the config is built.
            """,
        fields: [FieldSpec("", .string, "The label of the processor resource.", default: .string(""))],
        examples: [
            ConfigExample(
                "Use a shared mapping",
                summary: "Run the processor resource labelled `normalise` (declared under `processor_resources`).",
                yaml: "resource: normalise")
        ]
    ) { config, ctx in
        let name = try config.string("")
        guard case .processor(let p) = ctx.resource(name) else {
            throw config.error("processor resource '\(name)' was not found", field: "")
        }
        return .processor(ResourceProcessor(name: name, context: ctx, fallback: p))
    }
}

/// The `resource` processor: looks the resource up on each call, so that a resource replaced
/// after this processor was built (for example by a test mock) is the one that runs.
struct ResourceProcessor: Processor {
    let name: String
    let context: BuildContext
    let fallback: any Processor

    func process(_ batch: Batch) async -> [Batch] {
        if case .processor(let p) = context.resource(name) { return await p.process(batch) }
        return await fallback.process(batch)
    }
}
