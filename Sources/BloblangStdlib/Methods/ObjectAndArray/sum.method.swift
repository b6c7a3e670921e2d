import Bloblang

extension MethodSpec {
    static let sum = MethodSpec(
        "sum", category: .objectAndArray,
        summary: "Adds up the numbers of an array.",
        description: "Every element must be a number. An empty array sums to 0, and a number on its own is returned as it is.",
        examples: [
            Example(#"root.total = this.items.sum()"#, #"{"items":[2,3.5,4]}"#, #"{"total":9.5}"#),
            Example(
                #"root.total = this.items.sum()"#, #"{"items":[2,"x"]}"#,
                #"Error("failed assignment (line 1): index 1: expected number value, got string ("x")")"#),
        ]
    ) { target, _, _ in
        switch target {
        case .int, .uint, .float:
            return target
        case .array(let elements):
            var total = 0.0
            var failure: RuntimeError?
            for (i, element) in elements.enumerated() {
                // Benthos keeps going and reports the last element that is not a number.
                do { total += try element.getNumber() } catch { failure = ObjectArray.unprefixed("index \(i)", ObjectArray.runtimeError(error)) }
            }
            if let failure { throw failure }
            return .float(total)
        default:
            throw RuntimeError.type(expected: [.array], got: target)
        }
    }
}
