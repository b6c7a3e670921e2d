import Bloblang
import Foundation

extension MethodSpec {
    static let ceil = MethodSpec(
        "ceil", category: .numbers,
        summary: "Rounds a number up to the closest whole number.",
        description: """
            The result is an integer when it fits in a signed 64-bit integer, and a float \
            otherwise. Integers are returned unchanged.
            """,
        examples: [
            Example(
                #"root.up = this.n.ceil()"#,
                pairs: [.init(#"{"n":2.1}"#, #"{"up":3}"#), .init(#"{"n":-2.9}"#, #"{"up":-2}"#)]),
            Example(#"root.t = this.n.ceil().string()"#, #"{"n":7.000001}"#, #"{"t":"8"}"#),
        ]
    ) { target, _, _ in
        switch target {
        case .float(let f): return .wholeNumber(f.rounded(.up))
        case .int, .uint: return target
        default: throw RuntimeError.type(expected: [.number], got: target)
        }
    }
}
