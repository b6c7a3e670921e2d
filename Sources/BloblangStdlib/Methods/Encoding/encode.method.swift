import Bloblang

extension MethodSpec {
    static let encode = MethodSpec(
        "encode", category: .encoding,
        summary: "Encodes a string or byte array as text in the chosen scheme.",
        description: """
            Schemes: `base64`, `base64url` (RFC 4648 URL alphabet, padded), `base64rawurl` (URL \
            alphabet, unpadded), `hex` (lower case) and `ascii85`. `z85` is also accepted, for input \
            whose length is a multiple of four bytes.
            """,
        params: [.string("scheme", "The encoding scheme.")],
        examples: [
            Example(#"root.encoded = this.value.encode("hex")"#, #"{"value":"hi there"}"#, #"{"encoded":"6869207468657265"}"#),
            Example(#"root.encoded = this.value.encode("base64url")"#, #"{"value":"a?b>c"}"#, #"{"encoded":"YT9iPmM="}"#),
            Example(#"root = content().encode("ascii85")"#, "sluice", "F)5u5@q>",
                    summary: "The result is a string; mapped to the root it is the whole message."),
        ],
        prepare: { args in
            let scheme = args.string(0)
            let encoder: @Sendable ([UInt8]) throws(CodecError) -> String
            switch scheme {
            case "base64": encoder = { Base64.standard.encode($0) }
            case "base64url": encoder = { Base64.url.encode($0) }
            case "base64rawurl": encoder = { Base64.rawURL.encode($0) }
            case "hex": encoder = { Hex.encode($0) }
            case "ascii85": encoder = { ASCII85.encode($0) }
            case "z85": encoder = { b throws(CodecError) in try Z85.encode(b) }
            default: throw RuntimeError("unrecognized encoding type: \(scheme)")
            }
            return { target, _ in
                let bytes = try target.encodingBytes()
                return .string(try codecStep { () throws(CodecError) in try encoder(bytes) })
            }
        }
    )
}
