import Bloblang

/// The documented face of one function or method: everything the reference pages show,
/// taken from its spec and nothing else.
struct DocEntry: Sendable {
    enum Kind: Sendable {
        case function, method
    }

    var kind: Kind
    var name: String
    var category: Category
    var status: Status
    var summary: String
    var description: String
    var params: [ParameterSpec]
    var impure: Bool
    var examples: [Example]

    init(_ spec: FunctionSpec) {
        kind = .function
        name = spec.name
        category = spec.category
        status = spec.status
        summary = spec.summary
        description = spec.description
        params = spec.params
        impure = spec.impure
        examples = spec.examples
    }

    init(_ spec: MethodSpec) {
        kind = .method
        name = spec.name
        category = spec.category
        status = spec.status
        summary = spec.summary
        description = spec.description
        params = spec.params
        impure = spec.impure
        examples = spec.examples
    }

    /// Deprecated entries are listed in their own section at the end of a page, whatever
    /// category they were filed under.
    var isDeprecated: Bool { status == .deprecated || category == .deprecated }

    /// How a call looks, with optional parameters marked: `.replace_all(old, new)`, `counter(min?, max?, set?)`.
    var signature: String {
        let args = params.map { p in
            p.isVariadic ? "\(p.name)..." : p.canBeOmitted ? "\(p.name)?" : p.name
        }
        let call = "\(name)(\(args.joined(separator: ", ")))"
        return kind == .method ? ".\(call)" : call
    }
}
