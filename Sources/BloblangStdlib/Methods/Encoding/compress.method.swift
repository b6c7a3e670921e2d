import Bloblang

extension MethodSpec {
    static let compress = MethodSpec(
        "compress", category: .encoding,
        summary: "Compresses a string or byte array with the chosen algorithm, giving bytes.",
        description: """
            Algorithms: `flate`, `gzip`, `pgzip`, `lz4`, `snappy`, `zlib` and `zstd`. `level` is \
            the compression level (-1 for the default); it applies to `flate`, `gzip`, `pgzip` and \
            `zlib`. Short inputs compress to the same bytes as in Benthos; longer ones compress to \
            valid streams that may differ byte for byte.
            """,
        params: [
            .string("algorithm", "The compression algorithm."),
            .int("level", "The compression level, -1 for the algorithm's default.", default: -1),
        ],
        examples: [
            Example(#"root.packed = content().compress("gzip").encode("base64")"#, "hello world",
                    #"{"packed":"H4sIAAAJbogA/wALAPT/aGVsbG8gd29ybGQDAIURSg0LAAAA"}"#),
            Example(#"root = this.text.compress("zlib").decompress("zlib").string()"#,
                    #"{"text":"round and round"}"#, "round and round"),
        ],
        prepare: { args in
            let level = Int(clamping: args.int(1))
            let compressor = try codecStep { () throws(CodecError) in try CompressionAlgorithm.compressor(named: args.string(0)) }
            return { target, _ in
                let bytes = try target.getBytes()
                return .bytes(try codecStep { () throws(CodecError) in try compressor(bytes, level) })
            }
        }
    )
}
