import Bloblang

extension MethodSpec {
    static let all = MethodSpec(
        "all", category: .objectAndArray,
        summary: "Checks a condition against every element of an array: true when it holds for all of them.",
        description: """
            The query runs for each element in turn and must return a boolean. Checking stops at \
            the first element that fails. An empty array gives `false`.
            """,
        params: [.query("test", "A condition to check against each element.")],
        examples: [
            Example(
                #"root.all_even = this.nums.all(n -> n % 2 == 0)"#,
                pairs: [
                    .init(#"{"nums":[2,4,8]}"#, #"{"all_even":true}"#),
                    .init(#"{"nums":[2,5,8]}"#, #"{"all_even":false}"#),
                    .init(#"{"nums":[]}"#, #"{"all_even":false}"#),
                ])
        ]
    ) { target, args, ctx in
        guard case .array(let elements) = target else { throw RuntimeError.type(expected: [.array], got: target) }
        if elements.isEmpty { return .bool(false) }
        let test = args.query(0)
        for (i, element) in elements.enumerated() {
            let result: Value
            do { result = try test.call(with: element, ctx) } catch {
                throw ObjectArray.wrap("element \(i)", ObjectArray.runtimeError(error))
            }
            guard case .bool(let holds) = result else {
                throw ObjectArray.wrap("element \(i)", .type(expected: [.bool], got: result))
            }
            if !holds { return .bool(false) }
        }
        return .bool(true)
    }
}
