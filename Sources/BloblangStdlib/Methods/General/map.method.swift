import Bloblang

extension MethodSpec {
    static let map = MethodSpec(
        "map", category: .general,
        summary: "Runs a query with the target as its context and gives its result.",
        params: [.query("query", "The query to run on the target.")],
        examples: [
            Example(#"root.total = this.order.map(this.price * this.qty)"#, #"{"order":{"price":2,"qty":3}}"#, #"{"total":6}"#)
        ]
    ) { target, args, ctx in
        try args.query(0).call(with: target, ctx)
    }
}
