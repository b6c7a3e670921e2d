import StreamRuntime

extension ComponentConfig {
    /// The config of an object nested in this one (a list item or an object field), read with
    /// `fields` for defaults, so the typed getters and error paths work on it too.
    static func nested(
        _ node: ConfigNode, fields: [FieldSpec], path: String, kind: ComponentSpec.Kind = .processor,
        name: String
    ) -> ComponentConfig {
        let spec = ComponentSpec(kind, name, summary: "", fields: fields) { _, _ in
            .processor(NoopProcessor())
        }
        return ComponentConfig(spec: spec, node: node, path: path, label: nil)
    }

    /// The items of a list body (`switch: [...]`), each with its YAML path.
    func listItems(_ field: String = "") throws(ConfigError) -> [(node: ConfigNode, path: String)] {
        guard let node = self.field(field) else { return [] }
        guard case .sequence(let items, _) = node else {
            throw error("expected a list", field: field)
        }
        let base = fieldPath(field)
        return items.enumerated().map { ($0.element, "\(base)[\($0.offset)]") }
    }
}
