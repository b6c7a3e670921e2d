import Bloblang

/// The starting root of a mapping run "onto" an existing document.
///
/// `Mapping.execute` always starts from an empty root, so an onto-mapping is parsed with a
/// first statement `root = __sluice_onto_root()` whose hidden function reads the document from
/// this task-local while the mapping runs. (To be replaced by a core API that seeds the root.)
enum OntoRoot {
    @TaskLocal static var value: Value = .nothing

    static let functionName = "__sluice_onto_root"

    static let function = FunctionSpec(
        functionName, category: .general, status: .hidden,
        summary: "The document a mutation starts from (internal).", impure: true
    ) { _, _ in OntoRoot.value }

    /// The added first line shifts the lines of top-level statements by one; report the lines
    /// of the mapping as written.
    static func shiftLine(_ error: RuntimeError) -> RuntimeError {
        let text = error.message
        let prefix = "failed assignment (line "
        guard text.hasPrefix(prefix) else { return error }
        let rest = text.dropFirst(prefix.count)
        guard let close = rest.firstIndex(of: ")"), let n = Int(rest[..<close]), n > 1 else { return error }
        return RuntimeError(prefix + String(n - 1) + rest[close...], code: error.code)
    }
}
