import Bloblang

extension MethodSpec {
    static let abs = MethodSpec(
        "abs", category: .numbers,
        summary: "Returns the absolute value of a number.",
        description: """
            Integers stay integers and floats stay floats. The smallest signed 64-bit integer \
            has no positive counterpart, so it becomes the largest one instead.
            """,
        examples: [
            Example(
                #"root.distance = (this.a - this.b).abs()"#,
                pairs: [
                    .init(#"{"a":3,"b":10}"#, #"{"distance":7}"#),
                    .init(#"{"a":2.5,"b":1}"#, #"{"distance":1.5}"#),
                ]),
            Example(#"root = this.map_each(n -> n.abs())"#, #"[-1,2,-3.25]"#, #"[1,2,3.25]"#),
        ]
    ) { target, _, _ in
        try pluginMethodBody {
            switch target {
            case .float(let f):
                return .float(f.magnitude)
            case .int(let i):
                if i >= 0 { return target }
                if i == .min { return .uint(UInt64(Int64.max)) }
                return .int(-i)
            default:
                // Benthos names its integer subtype here, which `ValueType` cannot express.
                let preview = target.errorPreview
                throw RuntimeError(
                    "expected number or integer value, got \(target.type.rawValue)"
                        + (preview.isEmpty ? "" : " (\(preview))"),
                    code: .typeError)
            }
        }
    }
}
