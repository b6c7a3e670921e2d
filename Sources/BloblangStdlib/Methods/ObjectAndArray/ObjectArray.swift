import Bloblang

/// Shared helpers of the object and array methods: Go-compatible sorting, gabs-style dot
/// paths, object merging and error wrapping. Kept in one namespace so that their names do
/// not collide with helpers of other categories.
enum ObjectArray {
    /// Orders strings as Go does: byte-wise over their UTF-8 encoding.
    static func goLess(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// The keys of an object in Go's byte-wise order, so that results built from an
    /// unordered object are deterministic.
    static func sortedKeys(_ object: [String: Value]) -> [String] {
        object.keys.sorted(by: goLess)
    }

    /// Converts anything a query threw into a `RuntimeError`.
    static func runtimeError(_ error: any Error) -> RuntimeError {
        if let e = error as? RuntimeError { return e }
        return RuntimeError(String(describing: error))
    }
}

extension ObjectArray {
    /// The parameter list of a method that takes any number of arguments.
    ///
    /// Stopgap until the registry can declare a variadic parameter: a run of optional
    /// arguments of any type, of which the body reads the ones given.
    static let variadic: [ParameterSpec] = [.variadic("values", .any, "Any number of values.")]

    /// Every argument of a call to a method that takes any number of them, in order.
    static func variadicValues(_ args: Arguments) -> [Value] {
        args.values
    }
}
