import Bloblang

extension MethodSpec {
    static let `repeat` = MethodSpec(
        "repeat", category: .strings,
        summary: "Returns a string made of the target repeated the given number of times.",
        params: [.int("count", "How many copies to make; zero gives an empty string.")],
        examples: [
            Example(
                "root.repeated = this.name.repeat(3)\nroot.not_repeated = this.name.repeat(0)",
                #"{"name":"bob"}"#, #"{"not_repeated":"","repeated":"bobbobbob"}"#),
            Example(#"root.rule = "=".repeat(12)"#, #"{}"#, #"{"rule":"============"}"#),
        ],
        prepare: { args in
            let count = args.int(0)
            guard count >= 0 else {
                throw RuntimeError("invalid count, must be greater than or equal to zero: \(count)")
            }
            return { target, _ in
                let text = try TextTarget(target)
                let bytes = text.bytes
                let (total, overflow) = Int64(bytes.count).multipliedReportingOverflow(by: count)
                guard !overflow, total <= Int64(Int32.max) else {
                    throw RuntimeError("invalid count, would overflow: \(bytes.count)*\(count)")
                }
                var out: [UInt8] = []
                out.reserveCapacity(Int(total))
                for _ in 0..<count { out.append(contentsOf: bytes) }
                return text.wrap(out)
            }
        }
    )
}
