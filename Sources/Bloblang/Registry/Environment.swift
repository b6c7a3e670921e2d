import Foundation

/// The set of functions and methods a mapping may use, plus parsing options.
///
/// An environment is immutable; the restricting operations return a new one.
public final class Environment: Sendable {
    public let functions: [String: FunctionSpec]
    public let methods: [String: MethodSpec]
    /// Reads an imported file. `nil` disables `import` and `from`.
    public let importer: (@Sendable (_ path: String) throws -> String)?
    /// The deepest chain of `.apply()` calls allowed before an error.
    public let maxMapRecursion: Int
    /// When set, functions and methods parse but fail if run (used to lint).
    public let isDeactivated: Bool

    public init(
        functions: [FunctionSpec], methods: [MethodSpec],
        importer: (@Sendable (String) throws -> String)? = Environment.fileImporter,
        maxMapRecursion: Int = 5000, isDeactivated: Bool = false
    ) {
        self.functions = Dictionary(functions.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
        self.methods = Dictionary(methods.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
        self.importer = importer
        self.maxMapRecursion = maxMapRecursion
        self.isDeactivated = isDeactivated
    }

    private init(
        copying other: Environment, functions: [String: FunctionSpec]? = nil, methods: [String: MethodSpec]? = nil,
        importer: (@Sendable (String) throws -> String)?? = nil, isDeactivated: Bool? = nil
    ) {
        self.functions = functions ?? other.functions
        self.methods = methods ?? other.methods
        self.importer = importer ?? other.importer
        self.maxMapRecursion = other.maxMapRecursion
        self.isDeactivated = isDeactivated ?? other.isDeactivated
    }

    /// Reads imports from the file system.
    public static let fileImporter: @Sendable (String) throws -> String = { path in
        try String(contentsOfFile: path, encoding: .utf8)
    }

    /// An environment without the named functions and methods.
    public func without(functions fnames: Set<String> = [], methods mnames: Set<String> = []) -> Environment {
        Environment(
            copying: self, functions: functions.filter { !fnames.contains($0.key) },
            methods: methods.filter { !mnames.contains($0.key) })
    }

    /// An environment with only the functions and methods that have no side effects.
    public func onlyPure() -> Environment {
        Environment(copying: self, functions: functions.filter { !$0.value.impure }, methods: methods.filter { !$0.value.impure })
    }

    /// An environment with `import` and `from` disabled.
    public func withoutImports() -> Environment {
        Environment(copying: self, importer: .some(nil))
    }

    /// An environment with a custom importer (paths are passed as written, resolved against
    /// the importing file's folder).
    public func with(importer: @escaping @Sendable (String) throws -> String) -> Environment {
        Environment(copying: self, importer: .some(importer))
    }

    /// An environment whose functions and methods parse but do not run.
    public func deactivated() -> Environment {
        Environment(copying: self, isDeactivated: true)
    }

    /// A copy with more functions and methods (later ones replace earlier ones of the same name).
    public func adding(functions extraF: [FunctionSpec] = [], methods extraM: [MethodSpec] = []) -> Environment {
        var f = functions
        var m = methods
        for s in extraF { f[s.name] = s }
        for s in extraM { m[s.name] = s }
        return Environment(copying: self, functions: f, methods: m)
    }
}
