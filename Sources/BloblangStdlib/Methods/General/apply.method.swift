import Bloblang

extension MethodSpec {
    static let apply = MethodSpec(
        "apply", category: .general,
        summary: "Runs a named map (declared with `map name { ... }`) with the target as its context.",
        description:
            "Inside the map `this` is the target, `root` starts empty and variables start unset. The map's `root` is the result.",
        params: [.string("mapping", "The name of the map to run.")],
        examples: [
            Example(
                """
                map shout {
                  root = this.uppercase() + "!"
                }
                root.a = this.a.apply("shout")
                """, #"{"a":"hi"}"#, #"{"a":"HI!"}"#)
        ]
    ) { target, args, ctx in
        // Errors of the map's own statements already say where they came from.
        do { return try ctx.apply(map: args.string(0), to: target) } catch let e as RuntimeError { throw e.markedAnnotated() }
    }
}
