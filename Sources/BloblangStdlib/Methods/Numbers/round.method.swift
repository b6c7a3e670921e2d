import Bloblang
import Foundation

extension MethodSpec {
    static let round = MethodSpec(
        "round", category: .numbers,
        summary: "Rounds a number to the closest whole number, halves away from zero.",
        description: """
            The result is an integer when it fits in a signed 64-bit integer, and a float \
            otherwise. Integers are returned unchanged.
            """,
        examples: [
            Example(
                #"root.nearest = this.n.round()"#,
                pairs: [
                    .init(#"{"n":4.49}"#, #"{"nearest":4}"#), .init(#"{"n":4.5}"#, #"{"nearest":5}"#),
                    .init(#"{"n":-4.5}"#, #"{"nearest":-5}"#),
                ]),
            Example(#"root.percent = (this.ratio * 100).round()"#, #"{"ratio":0.4567}"#, #"{"percent":46}"#),
        ]
    ) { target, _, _ in
        switch target {
        case .float(let f): return .wholeNumber(f.rounded(.toNearestOrAwayFromZero))
        case .int, .uint: return target
        default: throw RuntimeError.type(expected: [.number], got: target)
        }
    }
}
