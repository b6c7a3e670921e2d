import Bloblang
import Foundation

/// Renders the component reference (`inputs.md`, `processors.md`, `outputs.md`) from the
/// component specs: summary, description, a fields table (type, default, advanced) and the
/// example configs as YAML blocks. `sluice docs` writes the files; a test checks that the
/// checked-in ones are current.
public struct ComponentDocs: Sendable {
    /// One generated file.
    public struct File: Sendable, Equatable {
        public var name: String
        public var contents: String
    }

    /// Where the files live, relative to the package root.
    public static let defaultDirectory = "docs/reference/components"

    public var registry: ComponentRegistry

    public init(registry: ComponentRegistry) { self.registry = registry }

    /// Every file, in a fixed order.
    public func render() -> [File] {
        ComponentSpec.Kind.allCases.map { kind in
            File(name: "\(Self.plural(kind)).md", contents: page(kind))
        }
    }

    /// The names of the files in `directory` that are missing or differ from `render()`.
    public func staleFiles(in directory: String) -> [String] {
        render().filter { file in
            let path = (directory as NSString).appendingPathComponent(file.name)
            guard let data = FileManager.default.contents(atPath: path) else { return true }
            return String(decoding: data, as: UTF8.self) != file.contents
        }.map(\.name)
    }

    /// Writes the files that changed; returns their names.
    /// - Throws: when the folder cannot be created or a file cannot be written.
    @discardableResult
    public func write(to directory: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var changed: [String] = []
        for name in staleFiles(in: directory) {
            guard let file = render().first(where: { $0.name == name }) else { continue }
            try file.contents.write(
                toFile: (directory as NSString).appendingPathComponent(name), atomically: true, encoding: .utf8)
            changed.append(name)
        }
        return changed
    }

    static func plural(_ kind: ComponentSpec.Kind) -> String { "\(kind.rawValue)s" }

    // MARK: - Pages

    static let intros: [ComponentSpec.Kind: String] = [
        .input:
            "An input is where messages come from. A config has one `input`; more can be declared under `input_resources` and used by label.",
        .processor:
            "A processor changes, filters or multiplies messages. Processors run in order under `pipeline.processors` (and inside processors such as `switch` and `branch`); a processor that fails marks the message with an error instead of dropping it.",
        .output:
            "An output is where messages go. A config has one `output`; a message is acknowledged to its input only once the output has written it.",
    ]

    func page(_ kind: ComponentSpec.Kind) -> String {
        let specs = registry.specs.filter { $0.kind == kind && $0.status != .hidden }.sorted { $0.name < $1.name }
        let current = specs.filter { $0.status != .deprecated }
        let deprecated = specs.filter { $0.status == .deprecated }
        let title = Self.plural(kind).capitalized
        var out = "<!-- Generated from the component specs by `swift run sluice docs`. Do not edit. -->\n\n"
        out += "# \(title)\n\n"
        out += (Self.intros[kind] ?? "") + "\n\n"
        out += "Every \(kind.rawValue) may carry a `label`, used in logs and metrics"
        out += kind == .processor ? ".\n\n" : ", and a list of `processors` applied to its messages.\n\n"
        if specs.isEmpty {
            out += "There are no \(Self.plural(kind)) yet.\n"
            return out
        }
        out += "## Contents\n\n"
        for s in current {
            out += "- [\(MarkdownText.code(s.name))](#\(MarkdownText.slug(s.name))): \(MarkdownText.cell(s.summary))\n"
        }
        if !deprecated.isEmpty {
            out += "- [Deprecated](#deprecated): "
            out +=
                deprecated.map { "[\(MarkdownText.code($0.name))](#\(MarkdownText.slug($0.name)))" }.joined(separator: ", ")
                + "\n"
        }
        for s in current { out += "\n" + section(s, level: 2) }
        if !deprecated.isEmpty {
            out += "\n## Deprecated\n\nThese still work but should not be used in new configs.\n"
            for s in deprecated { out += "\n" + section(s, level: 3) }
        }
        return out
    }

    /// The section of one component.
    func section(_ spec: ComponentSpec, level: Int) -> String {
        let h = String(repeating: "#", count: level)
        var out = "\(h) \(MarkdownText.code(spec.name))\n\n"
        if spec.status != .stable { out += "**\(spec.status.rawValue)**\n\n" }
        out += spec.summary + "\n\n"
        if !spec.aliases.isEmpty {
            out += "Also accepted as " + spec.aliases.sorted().map(MarkdownText.code).joined(separator: ", ") + ".\n\n"
        }
        out += MarkdownText.fence(skeleton(spec), language: "yaml") + "\n\n"
        if !spec.description.isEmpty { out += spec.description + "\n\n" }
        if spec.isScalarConfig {
            let f = spec.fields[0]
            out += "\(h)# Value\n\n"
            out += "\(Self.typeName(f.type)). Default: \(defaultText(f)).\(f.summary.isEmpty ? "" : " " + f.summary)\n\n"
            let nested = rows(Self.children(of: f.type), prefix: Self.childPrefix(f.type, name: ""))
            if !nested.isEmpty { out += table(nested) + "\n" }
        } else if !spec.fields.isEmpty {
            out += "\(h)# Fields\n\n" + table(rows(spec.fields, prefix: "")) + "\n"
        }
        if !spec.examples.isEmpty {
            out += "\(h)# Examples\n\n"
            for e in spec.examples {
                out += "\(h)## \(e.title)\n\n"
                if !e.summary.isEmpty { out += e.summary + "\n\n" }
                out += MarkdownText.fence(e.yaml.hasSuffix("\n") ? String(e.yaml.dropLast()) : e.yaml, language: "yaml") + "\n\n"
            }
        }
        return out.hasSuffix("\n\n") ? String(out.dropLast()) : out
    }

    /// The config with every non-advanced field at its default (or a placeholder).
    func skeleton(_ spec: ComponentSpec) -> String {
        let key = "label: \"\"\n\(spec.name):"
        if spec.isScalarConfig {
            return "\(key) \(yamlValue(spec.fields[0]))"
        }
        let fields = spec.fields.filter { !$0.isAdvanced }
        if fields.isEmpty { return "\(key) {}" }
        return key + "\n" + fields.map { "  \($0.name): \(yamlValue($0))" }.joined(separator: "\n")
    }

    func yamlValue(_ field: FieldSpec) -> String {
        if let d = field.defaultValue { return Self.yaml(d) }
        if let e = field.examples.first { return Self.yaml(e) + (field.isRequired ? " # required" : "") }
        switch field.type {
        case .processors, .array, .outputs: return "[]"
        case .object, .map, .input, .output: return "{}"
        default: return field.isRequired ? "\"\" # required" : "\"\""
        }
    }

    /// A value in YAML flow style (JSON, with plain strings quoted).
    static func yaml(_ v: Value) -> String {
        switch v {
        case .string(let s) where s.contains("\n"): return GoStrconv.quote(s)
        default: return String(decoding: JSONWriter.compact(v, escapeHTML: false), as: UTF8.self)
        }
    }

    /// A field example: a one-line string as written, anything else in flow style.
    static func exampleText(_ v: Value) -> String {
        if case .string(let s) = v, !s.contains("\n"), !s.isEmpty, s.trimmingCharacters(in: .whitespaces) == s { return s }
        return yaml(v)
    }

    // MARK: - Field tables

    struct Row {
        var name: String
        var type: String
        var defaultText: String
        var advanced: Bool
        var summary: String
    }

    func rows(_ fields: [FieldSpec], prefix: String) -> [Row] {
        var out: [Row] = []
        for f in fields where !f.name.isEmpty {
            let name = prefix + f.name
            var summary = f.summary
            if !f.options.isEmpty { summary += " Options: " + f.options.map(MarkdownText.code).joined(separator: ", ") + "." }
            if !f.examples.isEmpty {
                summary +=
                    " Examples: " + f.examples.map { MarkdownText.code(Self.exampleText($0)) }.joined(separator: ", ") + "."
            }
            out.append(
                Row(
                    name: name, type: Self.typeName(f.type), defaultText: defaultText(f), advanced: f.isAdvanced,
                    summary: summary))
            out += rows(Self.children(of: f.type), prefix: Self.childPrefix(f.type, name: name))
        }
        return out
    }

    /// The fields of an object type (directly or inside arrays and maps).
    static func children(of type: FieldSpec.FieldType) -> [FieldSpec] {
        switch type {
        case .object(let fields): fields
        case .array(let t), .map(let t): children(of: t)
        default: []
        }
    }

    /// How nested field names are written: `cases[].check`, `headers.<name>.x`, `tls.enabled`.
    static func childPrefix(_ type: FieldSpec.FieldType, name: String) -> String {
        switch type {
        case .object: name.isEmpty ? "" : "\(name)."
        case .array(let t): childPrefix(t, name: "\(name)[]")
        case .map(let t): childPrefix(t, name: name.isEmpty ? "<key>" : "\(name).<key>")
        default: ""
        }
    }

    func table(_ rows: [Row]) -> String {
        var out = "| Field | Type | Default | Advanced | Description |\n|---|---|---|---|---|\n"
        for r in rows {
            out +=
                "| \(MarkdownText.code(r.name)) | \(r.type) | \(r.defaultText) | \(r.advanced ? "yes" : "") | \(MarkdownText.cell(r.summary)) |\n"
        }
        return out
    }

    func defaultText(_ f: FieldSpec) -> String {
        if let d = f.defaultValue { return MarkdownText.cell(MarkdownText.code(Self.yaml(d))) }
        return f.isOptional ? "_optional_" : "_required_"
    }

    /// The plural of `typeName` (`strings`, `lists of integers`).
    static func pluralTypeName(_ type: FieldSpec.FieldType) -> String {
        switch type {
        case .any: "values"
        case .array(let t): "lists of \(pluralTypeName(t))"
        case .map(let t): "maps of \(pluralTypeName(t))"
        case .processors: "lists of processors"
        case .outputs: "lists of outputs"
        default: typeName(type) + "s"
        }
    }

    /// A readable name of a field type.
    public static func typeName(_ type: FieldSpec.FieldType) -> String {
        switch type {
        case .string: "string"
        case .int: "integer"
        case .float: "number"
        case .bool: "bool"
        case .duration: "duration"
        case .interpolatedString: "interpolated string"
        case .bloblang: "Bloblang mapping"
        case .processors: "list of processors"
        case .input: "input"
        case .output: "output"
        case .outputs: "list of outputs"
        case .any: "any"
        case .array(let t): "list of \(pluralTypeName(t))"
        case .map(let t): "map of \(pluralTypeName(t))"
        case .object: "object"
        }
    }
}

/// Small helpers for GitHub-flavoured markdown.
enum MarkdownText {
    /// An inline code span that survives backticks in `text`.
    static func code(_ text: String) -> String {
        let ticks = String(repeating: "`", count: longestRun(of: "`", in: text) + 1)
        let pad = text.hasPrefix("`") || text.hasSuffix("`") ? " " : ""
        return "\(ticks)\(pad)\(text)\(pad)\(ticks)"
    }

    /// A fenced block whose fence is longer than any backtick run in `body`.
    static func fence(_ body: String, language: String) -> String {
        let fence = String(repeating: "`", count: max(3, longestRun(of: "`", in: body) + 1))
        return "\(fence)\(language)\n\(body)\n\(fence)"
    }

    /// Text for one table cell: one line, pipes escaped.
    static func cell(_ text: String) -> String {
        text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .joined(separator: " ").replacingOccurrences(of: "|", with: "\\|")
    }

    /// GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens.
    static func slug(_ heading: String) -> String {
        var out = ""
        for ch in heading.lowercased() {
            if ch == " " {
                out.append("-")
            } else if ch == "-" || ch == "_" || ch.isLetter || ch.isNumber {
                out.append(ch)
            }
        }
        return out
    }

    static func longestRun(of mark: Character, in text: String) -> Int {
        var longest = 0, current = 0
        for ch in text {
            current = ch == mark ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }
}
