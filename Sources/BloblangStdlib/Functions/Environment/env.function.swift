import Bloblang
import Foundation

extension FunctionSpec {
    static let env = FunctionSpec(
        "env", category: .environment,
        summary: "The value of an environment variable, or null when it is not set.",
        params: [
            .string("name", "The variable's name."),
            .bool("no_cache", "Read the variable on every call instead of once.", default: false),
        ],
        impure: true,
        examples: [Example(#"root.home = env("SLUICE_EXAMPLE_UNSET")"#, "{}", #"{"home":null}"#)],
        prepare: { args in
            let name = args.string(0)
            if args.bool(1) {
                return { _ in ProcessInfo.processInfo.environment[name].map(Value.string) ?? .null }
            }
            let cached = ProcessInfo.processInfo.environment[name].map(Value.string) ?? .null
            return { _ in cached }
        }
    )
}
