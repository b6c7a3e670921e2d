import Bloblang
import StreamRuntime

extension StreamComponents.ProcessorSpecs {
    static let bloblang = ComponentSpec(
        .processor, "bloblang",
        summary:
            "The former name of the `mapping` processor: runs a Bloblang mapping that builds a new document for each message.",
        description: """
            `bloblang` behaves exactly as `mapping` does (a new document from an empty `root`, metadata \
            kept and changed with `meta`, failed messages flagged and passed on, `deleted()` drops). \
            New configs should use the `mapping` name.
            """,
        fields: [FieldSpec("", .bloblang, "The Bloblang mapping to run on each message.", default: .string(""))],
        examples: [
            ConfigExample(
                "Filter an array in place",
                summary: "Copy the document and keep only the fans with an obsession score above 0.5.",
                yaml: """
                    bloblang: |
                      root = this
                      root.fans = this.fans.filter(fan -> fan.obsession > 0.5)
                    """)
        ]
    ) { config, ctx in
        let observer = ProcessorObserver(config, ctx)
        let mapper = try MessageMapper(config, "", ctx)
        return .processor(MappingProcessor(mapper: mapper, observer: observer))
    }
}
