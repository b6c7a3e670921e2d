import Bloblang
import Foundation

extension FunctionSpec {
    static let hostname = FunctionSpec(
        "hostname", category: .environment,
        summary: "The host name of the machine.",
        impure: true,
        examples: [Example(#"root.host = hostname()"#, "{}", #"{"host":"x"}"#, deterministic: false)]
    ) { _, _ in .string(ProcessInfo.processInfo.hostName) }
}
