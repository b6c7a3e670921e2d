import Bloblang

extension FunctionSpec {
    static let nanoid = FunctionSpec(
        "nanoid", category: .fakeData,
        summary: "Generates a URL-safe random identifier (Nano ID).",
        description: """
            Without arguments the ID has 21 characters from `A-Za-z0-9_-`. `length` changes the \
            size; `alphabet` (which needs `length`) gives the characters to draw from, at most 255.
            """,
        params: [
            .int("length", "The number of characters.").optional(),
            .string("alphabet", "The characters to choose from.").optional(),
        ],
        examples: [
            Example(#"root.id = nanoid()"#, "{}", #"{"id":"V1StGXR8_Z5jdHi6B-myT"}"#, deterministic: false),
            Example(#"root.id = nanoid(8, "0123456789abcdef")"#, "{}", #"{"id":"4f90d13a"}"#, deterministic: false),
        ],
        prepare: { args in
            let length = args.optionalInt(0)
            let alphabet = args.optionalString(1)
            if alphabet != nil && length == nil {
                throw RuntimeError("field length must be specified when an alphabet is specified")
            }
            return { _ in
                if let alphabet, let length {
                    return .string(
                        try codecStep { () throws(CodecError) in
                            try NanoID.generate(alphabet: alphabet, length: Int(clamping: length))
                        })
                }
                if let length {
                    guard length >= 0 else { throw RuntimeError("negative id length") }
                    return .string(NanoID.generate(length: Int(clamping: length)))
                }
                return .string(NanoID.generate(length: 21))
            }
        }
    )
}
