import Bloblang

extension MethodSpec {
    static let max = MethodSpec(
        "max", category: .numbers,
        summary: "Returns the largest number of an array.",
        description: "Every element must be a number, and the array must not be empty.",
        examples: [
            Example(#"root.peak = this.readings.max()"#, #"{"readings":[3,17.5,9]}"#, #"{"peak":17.5}"#),
            Example(
                #"root.peak = this.readings.max()"#, #"{"readings":[]}"#,
                #"Error("failed assignment (line 1): field `this.readings`: the array was empty")"#),
        ]
    ) { target, _, _ in
        try ObjectArray.extreme(target) { $0 > $1 }
    }
}

extension ObjectArray {
    /// The body of `max` and `min`: the element that `better` prefers over all others.
    static func extreme(_ target: Value, better: (Double, Double) -> Bool) throws -> Value {
        guard case .array(let elements) = target else { throw RuntimeError.type(expected: [.array], got: target) }
        if elements.isEmpty { throw RuntimeError("the array was empty") }
        var best = 0.0
        for (i, element) in elements.enumerated() {
            let n: Double
            do { n = try element.getNumber() } catch { throw wrap("index \(i) of array", runtimeError(error)) }
            if i == 0 || better(n, best) { best = n }
        }
        return .float(best)
    }
}
