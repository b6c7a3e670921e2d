import Bloblang

extension MethodSpec {
    static let min = MethodSpec(
        "min", category: .numbers,
        summary: "Returns the smallest number of an array.",
        description: "Every element must be a number, and the array must not be empty.",
        examples: [
            Example(#"root.low = this.readings.min()"#, #"{"readings":[3,-2.5,9]}"#, #"{"low":-2.5}"#),
            Example(
                #"root.low = this.readings.min()"#, #"{"readings":[1,"2"]}"#,
                #"Error("failed assignment (line 1): field `this.readings`: index 1 of array: expected number value, got string ("2")")"#),
        ]
    ) { target, _, _ in
        try ObjectArray.extreme(target) { $0 < $1 }
    }
}
