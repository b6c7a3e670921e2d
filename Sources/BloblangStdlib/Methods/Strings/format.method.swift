import Bloblang

extension MethodSpec {
    static let format = MethodSpec(
        "format", category: .strings,
        summary: "Uses the target string as a printf-style template and fills its verbs (`%s`, `%v`, `%d`, `%.2f`, ...) from the arguments.",
        description: """
            The template follows Go's `fmt` package: `%v` prints any value, `%s` strings, `%d` \
            integers, `%f`/`%e`/`%g` floats, `%x` hexadecimal, `%q` quoted strings and `%t` \
            booleans; flags, widths and precisions such as `%-8s` or `%08.3f` are supported. \
            A verb that does not suit its argument prints a marker such as `%!d(string=hi)`.
            """,
        params: [.variadic("values", .any, "The values that fill the template's verbs, in order.")],
        examples: [
            Example(
                #"root.foo = "%s(%v): %v".format(this.name, this.age, this.fingers)"#,
                #"{"name":"lance","age":37,"fingers":13}"#, #"{"foo":"lance(37): 13"}"#),
            Example(
                #"root.line = "%-6s|%5.1f|%03d|%x".format(this.item, 3.25, 7, 255)"#,
                #"{"item":"tea"}"#, #"{"line":"tea   |  3.2|007|ff"}"#),
        ]
    ) { (target: Value, args: Arguments, _: EvalContext) in
        var values = args.values
        while let last = values.last, case .nothing = last { values.removeLast() }
        return .string(GoSprintf.format(try target.getString(), values))
    }
}
