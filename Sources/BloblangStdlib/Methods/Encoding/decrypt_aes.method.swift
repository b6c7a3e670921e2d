import Bloblang

extension MethodSpec {
    static let decryptAES = MethodSpec(
        "decrypt_aes", category: .encoding,
        summary: "Decrypts AES cipher text in the chosen mode, giving bytes.",
        description: """
            The counterpart of `encrypt_aes`, with the same modes, key sizes and initialisation \
            vectors. `gcm` checks the authentication tag and fails if the data was altered.
            """,
        params: [
            .string("scheme", "The mode: `ctr`, `gcm`, `ofb` or `cbc`."),
            .any("key", "The key: a string or byte array."),
            .any("iv", "The initialisation vector, or the nonce for `gcm`: a string or byte array."),
        ],
        examples: [
            Example(
                """
                let key = "2b7e151628aed2a6abf7158809cf4f3c".decode("hex")
                let iv = "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff".decode("hex")
                root.plain = this.secret.decode("hex").decrypt_aes("ctr", $key, $iv).string()
                """,
                #"{"secret":"8df8ab12fb0b5cd186f272149df0"}"#, #"{"plain":"attack at dawn"}"#),
            Example(
                #"root.plain = this.secret.decode("hex").decrypt_aes("gcm", "0123456789abcdef", "unique nonce").string()"#,
                #"{"secret":"00112233445566778899aabbccddeeff"}"#,
                #"Error("failed assignment (line 1): method decode: gcm decrypting failed: cipher: message authentication failed")"#),
        ],
        prepare: { args in
            let scheme = try AESScheme(
                scheme: args.string(0), key: try args.rawBytes(1), iv: try args.rawBytes(2), unknownScheme: "unrecognized decryption type")
            return { target, _ in .bytes(try scheme.decrypt(try target.encodingBytes())) }
        }
    )
}
