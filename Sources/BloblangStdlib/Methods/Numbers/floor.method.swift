import Bloblang
import Foundation

extension MethodSpec {
    static let floor = MethodSpec(
        "floor", category: .numbers,
        summary: "Rounds a number down to the closest whole number.",
        description: """
            The result is an integer when it fits in a signed 64-bit integer, and a float \
            otherwise. Integers are returned unchanged.
            """,
        examples: [
            Example(
                #"root.down = this.n.floor()"#,
                pairs: [.init(#"{"n":8.99}"#, #"{"down":8}"#), .init(#"{"n":-0.5}"#, #"{"down":-1}"#)]),
            Example(#"root.minutes = (this.seconds / 60).floor()"#, #"{"seconds":150}"#, #"{"minutes":2}"#),
        ]
    ) { target, _, _ in
        switch target {
        case .float(let f): return .wholeNumber(f.rounded(.down))
        case .int, .uint: return target
        default: throw RuntimeError.type(expected: [.number], got: target)
        }
    }
}
