import Bloblang

extension MethodSpec {
    static let fold = MethodSpec(
        "fold", category: .objectAndArray,
        summary: "Reduces an array to one value by running a query for each element with the running total.",
        description: """
            The query sees an object with two fields: `tally`, the result so far (starting with \
            `initial`), and `value`, the current element. Its result becomes the next `tally`. An \
            empty array gives `initial`.
            """,
        params: [
            .any("initial", "The starting tally, such as `0`, `\"\"` or `{}`."),
            .query("query", "Computes the next tally from `tally` and `value`."),
        ],
        examples: [
            Example(#"root.total = this.prices.fold(0, acc -> acc.tally + acc.value)"#, #"{"prices":[4,6,10]}"#, #"{"total":20}"#),
            Example(
                #"root.csv = this.words.fold("", acc -> if acc.tally == "" { acc.value } else { acc.tally + "," + acc.value })"#,
                #"{"words":["a","b","c"]}"#, #"{"csv":"a,b,c"}"#),
            Example(
                #"root.index = this.users.fold({}, acc -> acc.tally.merge({(acc.value.id): acc.value.name}))"#,
                #"{"users":[{"id":"u1","name":"ann"},{"id":"u2","name":"bob"}]}"#,
                #"{"index":{"u1":"ann","u2":"bob"}}"#,
                summary: "Build an object from an array."),
        ]
    ) { target, args, ctx in
        guard case .array(let elements) = target else { throw RuntimeError.type(expected: [.array], got: target) }
        let query = args.query(1)
        var tally = args[0]
        for element in elements {
            tally = try query.call(with: .object(["tally": tally, "value": element]), ctx)
        }
        return tally
    }
}
