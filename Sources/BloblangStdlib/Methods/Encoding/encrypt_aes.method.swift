import Bloblang

extension MethodSpec {
    static let encryptAES = MethodSpec(
        "encrypt_aes", category: .encoding,
        summary: "Encrypts a string or byte array with AES in the chosen mode.",
        description: """
            Modes: `ctr`, `ofb` and `cbc` take a 16-byte initialisation vector; `gcm` takes a \
            12-byte nonce and appends a 16-byte authentication tag. The key must be 16, 24 or 32 \
            bytes (AES-128, AES-192 or AES-256). `cbc` input must be a whole number of 16-byte \
            blocks. The result is usually followed by `.encode(...)`. Benthos returns the cipher \
            text as a string of raw bytes; here it is a string when those bytes happen to be valid \
            UTF-8 and a byte array otherwise.
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
                root.secret = this.value.encrypt_aes("ctr", $key, $iv).encode("hex")
                """,
                #"{"value":"attack at dawn"}"#, #"{"secret":"8df8ab12fb0b5cd186f272149df0"}"#)
        ],
        prepare: { args in
            let scheme = try AESScheme(
                scheme: args.string(0), key: try args.rawBytes(1), iv: try args.rawBytes(2), unknownScheme: "unrecognized encryption type")
            return { target, _ in .goString(try scheme.encrypt(try target.encodingBytes())) }
        }
    )
}
