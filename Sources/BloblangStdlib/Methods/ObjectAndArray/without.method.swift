import Bloblang

extension MethodSpec {
    static let without = MethodSpec(
        "without", category: .objectAndArray,
        summary: "Returns the object without the fields at the given dot paths.",
        description: "Takes any number of path arguments. Paths that do not exist are ignored.",
        params: ObjectArray.variadic,
        examples: [
            Example(
                #"root = this.without("secret", "user.email")"#,
                #"{"id":1,"secret":"x","user":{"name":"ann","email":"a@b.c"}}"#,
                #"{"id":1,"user":{"name":"ann"}}"#)
        ],
        prepare: { args in
            let paths = try ObjectArray.pathArguments(args)
            return { target, _ in
                guard case .object(let fields) = target else { throw RuntimeError.type(expected: [.object], got: target) }
                return .object(ObjectArray.without(fields, paths))
            }
        })
}
