import Bloblang

/// One config field of a component: its type, default and documentation.
public struct FieldSpec: Sendable {
    public indirect enum FieldType: Sendable {
        case string, int, float, bool
        /// A Go-style duration string (`500ms`, `5s`, `1m30s`).
        case duration
        /// A string with `${! ... }` interpolations, evaluated per message.
        case interpolatedString
        /// A Bloblang mapping (inline, or `import "./file.blobl"` relative to the config).
        case bloblang
        /// A list of processor configs.
        case processors
        /// One input/output config, or a list of them.
        case input, output, outputs
        /// Any YAML value, passed through.
        case any
        case array(FieldType)
        /// A map with string keys and values of one type.
        case map(FieldType)
        case object([FieldSpec])
    }

    public var name: String
    public var type: FieldType
    public var summary: String
    /// The value when the field is absent; nil with `isOptional == false` means required.
    public var defaultValue: Value?
    public var isOptional: Bool
    public var isAdvanced: Bool
    /// Allowed values, for string fields with a fixed set.
    public var options: [String]
    public var examples: [Value]

    public init(
        _ name: String, _ type: FieldType, _ summary: String, default defaultValue: Value? = nil,
        optional: Bool = false, advanced: Bool = false, options: [String] = [], examples: [Value] = []
    ) {
        self.name = name
        self.type = type
        self.summary = summary
        self.defaultValue = defaultValue
        self.isOptional = optional
        self.isAdvanced = advanced
        self.options = options
        self.examples = examples
    }

    /// True when the field must be given.
    public var isRequired: Bool { defaultValue == nil && !isOptional }
}

/// A documented, linted example config of a component.
public struct ConfigExample: Sendable {
    public var title: String
    public var summary: String
    public var yaml: String
    public init(_ title: String, summary: String = "", yaml: String) {
        self.title = title
        self.summary = summary
        self.yaml = yaml
    }
}
