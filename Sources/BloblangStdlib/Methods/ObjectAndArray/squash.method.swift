import Bloblang

extension MethodSpec {
    static let squash = MethodSpec(
        "squash", category: .objectAndArray,
        summary: "Merges the objects of an array into one object, collecting clashing values into arrays as `merge` does.",
        description: "Elements that are not objects are skipped.",
        examples: [
            Example(
                #"root.by_team = this.people.map_each(p -> {(p.team): [p.name]}).squash()"#,
                #"{"people":[{"name":"ann","team":"red"},{"name":"bob","team":"blue"},{"name":"cat","team":"red"}]}"#,
                #"{"by_team":{"blue":["bob"],"red":["ann","cat"]}}"#)
        ]
    ) { target, _, _ in
        guard case .array(let elements) = target else { throw RuntimeError.type(expected: [.array], got: target) }
        var result: [String: Value] = [:]
        for element in elements {
            ObjectArray.deepMerge(&result, element, collision: ObjectArray.combine)
        }
        return .object(result)
    }
}
