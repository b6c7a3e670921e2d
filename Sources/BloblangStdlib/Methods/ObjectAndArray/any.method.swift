import Bloblang

extension MethodSpec {
    static let `any` = MethodSpec(
        "any", category: .objectAndArray,
        summary: "Checks a condition against the elements of an array: true when it holds for at least one.",
        description: """
            The query runs for each element in turn and must return a boolean. Checking stops at \
            the first element that passes. An empty array gives `false`.
            """,
        params: [.query("test", "A condition to check against each element.")],
        examples: [
            Example(
                #"root.has_admin = this.users.any(u -> u.role == "admin")"#,
                pairs: [
                    .init(#"{"users":[{"role":"user"},{"role":"admin"}]}"#, #"{"has_admin":true}"#),
                    .init(#"{"users":[{"role":"user"}]}"#, #"{"has_admin":false}"#),
                ])
        ]
    ) { target, args, ctx in
        guard case .array(let elements) = target else { throw RuntimeError.type(expected: [.array], got: target) }
        let test = args.query(0)
        for (i, element) in elements.enumerated() {
            let result: Value
            do { result = try test.call(with: element, ctx) } catch {
                throw ObjectArray.wrap("element \(i)", ObjectArray.runtimeError(error))
            }
            guard case .bool(let holds) = result else {
                throw ObjectArray.wrap("element \(i)", .type(expected: [.bool], got: result))
            }
            if holds { return .bool(true) }
        }
        return .bool(false)
    }
}
