import Bloblang

extension MethodSpec {
    static let join = MethodSpec(
        "join", category: .objectAndArray,
        summary: "Joins an array of strings into one string, with an optional separator between them.",
        params: [.string("delimiter", "Placed between each pair of strings.").optional()],
        examples: [
            Example(
                #"root.path = this.parts.join("/")"#, #"{"parts":["usr","local","bin"]}"#, #"{"path":"usr/local/bin"}"#),
            Example(
                #"root.code = this.digits.map_each(d -> d.string()).join()"#, #"{"digits":[4,0,4]}"#, #"{"code":"404"}"#,
                summary: "Without a separator the strings are joined directly."),
        ]
    ) { target, args, _ in
        guard case .array(let elements) = target else { throw RuntimeError.type(expected: [.array], got: target) }
        let delimiter = Array((args.optionalString(0) ?? "").utf8)
        var out: [UInt8] = []
        for (i, element) in elements.enumerated() {
            if i > 0 { out.append(contentsOf: delimiter) }
            switch element {
            case .string(let s): out.append(contentsOf: s.utf8)
            case .bytes(let b): out.append(contentsOf: b)
            default: throw ObjectArray.wrap("failed to join element \(i)", .type(expected: [.string], got: element))
            }
        }
        return .string(String(decoding: out, as: UTF8.self))
    }
}
