import Bloblang

extension MethodSpec {
    static let decompress = MethodSpec(
        "decompress", category: .encoding,
        summary: "Decompresses a byte array with the chosen algorithm.",
        description: """
            Algorithms: `bzip2`, `flate`, `gzip`, `pgzip`, `lz4`, `snappy`, `zlib` and `zstd`. The \
            result is bytes: use `.string()` to read it as text.
            """,
        params: [.string("algorithm", "The decompression algorithm.")],
        examples: [
            Example(#"root = this.packed.decode("base64").decompress("gzip")"#,
                    #"{"packed":"H4sIAAAJbogA/wALAPT/aGVsbG8gd29ybGQDAIURSg0LAAAA"}"#, "hello world"),
            Example(#"root.text = this.packed.decode("base64").decompress("lz4").string()"#,
                    #"{"packed":"BCJNGGRwuQsAAIBoZWxsbyB3b3JsZAAAAAAiZrvO"}"#, #"{"text":"hello world"}"#),
        ],
        prepare: { args in
            let decompressor = try codecStep { () throws(CodecError) in
                try CompressionAlgorithm.decompressor(named: args.string(0))
            }
            return { target, _ in
                let bytes = try target.getBytes()
                return .bytes(try codecStep { () throws(CodecError) in try decompressor(bytes) })
            }
        }
    )
}
