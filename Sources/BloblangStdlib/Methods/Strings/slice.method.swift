import Bloblang

extension MethodSpec {
    static let slice = MethodSpec(
        "slice", category: .strings,
        summary: "Extracts the half-open range `[low, high)` of a string (by byte offset) or an array.",
        description: """
            A negative bound counts back from the end. Without `high` the range runs to the end. \
            Bounds past the end are clamped to the length.
            """,
        params: [
            .int("low", "The first index of the range; negative counts from the end."),
            .int("high", "The index just past the range; negative counts from the end.").optional(),
        ],
        examples: [
            Example(
                "root.beginning = this.value.slice(0, 2)\nroot.end = this.value.slice(4)",
                #"{"value":"foo bar"}"#, #"{"beginning":"fo","end":"bar"}"#),
            Example(
                "root.last_chunk = this.value.slice(-4)\nroot.the_rest = this.value.slice(0, -4)",
                #"{"value":"foo bar"}"#, #"{"last_chunk":" bar","the_rest":"foo"}"#),
            Example(
                "root.beginning = this.value.slice(0, 2)\nroot.end = this.value.slice(4)",
                #"{"value":["foo","bar","baz","buz","bev"]}"#, #"{"beginning":["foo","bar"],"end":["bev"]}"#),
            Example(
                "root.last_chunk = this.value.slice(-2)\nroot.the_rest = this.value.slice(0, -2)",
                #"{"value":["foo","bar","baz","buz","bev"]}"#, #"{"last_chunk":["buz","bev"],"the_rest":["foo","bar","baz"]}"#),
        ],
        prepare: { args in
            let low = args.int(0)
            let high = args.optionalInt(1)
            if let high, high > 0, low >= high {
                throw RuntimeError("lower slice bound \(low) must be lower than upper (\(high))")
            }
            @Sendable func bounds(_ length: Int) throws(RuntimeError) -> Range<Int> {
                let l = Int64(length)
                var end = l
                if let high { end = high < 0 ? l + high : high }
                end = Swift.min(Swift.max(end, 0), l)
                var start = low
                if start < 0 { start = Swift.max(l + start, 0) }
                guard start <= end else {
                    throw RuntimeError(
                        "lower slice bound \(start) must be lower than or equal to upper bound (\(end)) and target length (\(l))")
                }
                return Int(start)..<Int(end)
            }
            return { target, _ in
                switch target {
                case .string(let s):
                    let bytes = Array(s.utf8)
                    return .string(String(decoding: bytes[try bounds(bytes.count)], as: UTF8.self))
                case .bytes(let b):
                    return .bytes(Array(b[try bounds(b.count)]))
                case .array(let a):
                    return .array(Array(a[try bounds(a.count)]))
                default:
                    throw RuntimeError.type(expected: [.array, .string], got: target)
                }
            }
        }
    )
}
