import Bloblang

extension MethodSpec {
    static let decode = MethodSpec(
        "decode", category: .encoding,
        summary: "Decodes text in the chosen scheme into a byte array.",
        description: """
            Schemes are those of `encode`: `base64`, `base64url`, `base64rawurl`, `hex`, `ascii85` \
            (and `z85`). The result is bytes: use `.string()` to read it as text. Line breaks are \
            ignored in base64 input.
            """,
        params: [.string("scheme", "The decoding scheme.")],
        examples: [
            Example(#"root.decoded = this.value.decode("hex").string()"#, #"{"value":"6869207468657265"}"#, #"{"decoded":"hi there"}"#),
            Example(#"root = this.encoded.decode("base64")"#, #"{"encoded":"c2x1aWNl"}"#, "sluice"),
            Example(#"root.decoded = this.value.decode("hex")"#, #"{"value":"6g"}"#,
                    #"Error("failed assignment (line 1): field `this.value`: encoding/hex: invalid byte: U+0067 'g'")"#),
        ],
        prepare: { args in
            let scheme = args.string(0)
            let decoder: @Sendable ([UInt8]) throws(CodecError) -> [UInt8]
            switch scheme {
            case "base64": decoder = { b throws(CodecError) in try Base64.standard.decode(b) }
            case "base64url": decoder = { b throws(CodecError) in try Base64.url.decode(b) }
            case "base64rawurl": decoder = { b throws(CodecError) in try Base64.rawURL.decode(b) }
            case "hex": decoder = { b throws(CodecError) in try Hex.decode(b) }
            case "ascii85": decoder = { b throws(CodecError) in try ASCII85.decode(b) }
            case "z85": decoder = { b throws(CodecError) in try Z85.decode(b) }
            default: throw RuntimeError("unrecognized encoding type: \(scheme)")
            }
            return { target, _ in
                let bytes = try target.encodingBytes()
                return .bytes(try codecStep { () throws(CodecError) in try decoder(bytes) })
            }
        }
    )
}
