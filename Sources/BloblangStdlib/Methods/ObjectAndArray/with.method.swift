import Bloblang

extension MethodSpec {
    static let with = MethodSpec(
        "with", category: .objectAndArray,
        summary: "Returns the object with only the fields at the given dot paths.",
        description: "Takes any number of path arguments. Paths that do not exist are ignored.",
        params: ObjectArray.variadic,
        examples: [
            Example(
                #"root = this.with("id", "user.name")"#,
                #"{"id":1,"secret":"x","user":{"name":"ann","email":"a@b.c"}}"#,
                #"{"id":1,"user":{"name":"ann"}}"#)
        ],
        prepare: { args in
            let paths = try ObjectArray.pathArguments(args)
            return { target, _ in
                guard case .object(let fields) = target else { throw RuntimeError.type(expected: [.object], got: target) }
                return .object(ObjectArray.with(fields, paths))
            }
        })
}

extension ObjectArray {
    /// The dot path arguments of `with` and `without`, split into segments.
    static func pathArguments(_ args: Arguments) throws -> [[String]] {
        try variadicValues(args).enumerated().map { i, argument in
            do { return dotPath(try argument.getString()) } catch {
                throw wrap("argument \(i)", runtimeError(error))
            }
        }
    }
}
