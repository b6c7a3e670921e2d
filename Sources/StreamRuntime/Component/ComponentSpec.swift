import Bloblang

/// An input, processor or output declared once: name, docs, fields, examples and how to
/// build it from a checked config. Parsing, defaults, lint and docs all read this.
public struct ComponentSpec: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case input, processor, output
    }

    public var kind: Kind
    public var name: String
    /// Other names accepted in configs (a lint warning names the canonical one).
    public var aliases: [String]
    public var status: Status
    public var summary: String
    public var description: String
    /// The fields. A component whose config is a single value (e.g. `mapping: "..."`) has
    /// one field with an empty name.
    public var fields: [FieldSpec]
    public var examples: [ConfigExample]
    public var build: @Sendable (ComponentConfig, BuildContext) throws -> Component

    public init(
        _ kind: Kind, _ name: String, aliases: [String] = [], status: Status = .stable, summary: String,
        description: String = "", fields: [FieldSpec], examples: [ConfigExample] = [],
        build: @escaping @Sendable (ComponentConfig, BuildContext) throws -> Component
    ) {
        self.kind = kind
        self.name = name
        self.aliases = aliases
        self.status = status
        self.summary = summary
        self.description = description
        self.fields = fields
        self.examples = examples
        self.build = build
    }

    /// True when the component's whole config is one value rather than an object of fields.
    public var isScalarConfig: Bool { fields.count == 1 && fields[0].name.isEmpty }
}
