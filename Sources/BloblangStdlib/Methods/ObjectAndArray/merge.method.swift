import Bloblang

extension MethodSpec {
    static let merge = MethodSpec(
        "merge", category: .objectAndArray,
        summary: "Merges an object into the target object, collecting both values into an array on clashes.",
        description: """
            Objects present on both sides are merged field by field, at any depth; any other \
            clash becomes an array holding both values (arrays on either side are spread into \
            it). On an array target the argument is appended, or its elements when it is an \
            array too. Use `assign` to let the argument's value win instead.
            """,
        params: [.any("with", "The value to merge into the target.")],
        examples: [
            Example(
                #"root = this.first.merge(this.second)"#,
                #"{"first":{"id":"a","tags":"x"},"second":{"tags":"y","size":2}}"#,
                #"{"id":"a","size":2,"tags":["x","y"]}"#),
            Example(
                #"root.items = this.left.merge(this.right)"#, #"{"left":["a"],"right":["b","c"]}"#,
                #"{"items":["a","b","c"]}"#, summary: "Arrays are joined."),
        ]
    ) { target, args, _ in
        try ObjectArray.mergeMethod(target, args[0], collision: ObjectArray.combine)
    }
}
