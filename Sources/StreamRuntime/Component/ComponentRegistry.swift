/// The components a config may use, by kind and name (aliases included).
public struct ComponentRegistry: Sendable {
    public private(set) var specs: [ComponentSpec] = []
    private var byName: [ComponentSpec.Kind: [String: Int]] = [:]

    public init(_ specs: [ComponentSpec] = []) {
        for s in specs { register(s) }
    }

    /// Adds a spec; a later spec with the same name replaces an earlier one.
    public mutating func register(_ spec: ComponentSpec) {
        if let i = byName[spec.kind]?[spec.name] {
            specs[i] = spec
        } else {
            specs.append(spec)
            byName[spec.kind, default: [:]][spec.name] = specs.count - 1
        }
        for alias in spec.aliases { byName[spec.kind, default: [:]][alias] = byName[spec.kind]?[spec.name] }
    }

    /// The spec called `name` (or with that alias).
    public func spec(_ kind: ComponentSpec.Kind, _ name: String) -> ComponentSpec? {
        byName[kind]?[name].map { specs[$0] }
    }

    /// Every name (and alias) of a kind, for suggestions.
    public func names(_ kind: ComponentSpec.Kind) -> [String] {
        Array(byName[kind]?.keys ?? [:].keys).sorted()
    }

    /// A copy with more specs.
    public func adding(_ more: [ComponentSpec]) -> ComponentRegistry {
        var copy = self
        for s in more { copy.register(s) }
        return copy
    }
}
