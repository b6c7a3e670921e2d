/// The algorithms behind `compress` and `decompress`, by the names Benthos registers.
enum CompressionAlgorithm {
    typealias Compressor = @Sendable (_ input: [UInt8], _ level: Int) throws(CodecError) -> [UInt8]
    typealias Decompressor = @Sendable (_ input: [UInt8]) throws(CodecError) -> [UInt8]

    /// Names that compress, in Benthos's (sorted) order.
    static let compressionNames = ["flate", "gzip", "lz4", "pgzip", "snappy", "zlib", "zstd"]
    /// Names that decompress.
    static let decompressionNames = ["bzip2", "flate", "gzip", "lz4", "pgzip", "snappy", "zlib", "zstd"]

    private static func unknown(_ name: String) -> CodecError {
        CodecError("compression type not recognised: \(name)")
    }

    static func compressor(named name: String) throws(CodecError) -> Compressor {
        switch name {
        case "gzip": return { b, level throws(CodecError) in try Gzip.compress(b, level: level) }
        case "pgzip": return { b, level throws(CodecError) in try Gzip.compressParallelLayout(b, level: level) }
        case "zlib": return { b, level throws(CodecError) in try Zlib.compress(b, level: level) }
        case "flate": return { b, level throws(CodecError) in try Flate.compress(b, level: level) }
        case "lz4": return { b, _ in LZ4.compress(b) }
        case "snappy": return { b, _ in Snappy.compress(b) }
        case "zstd": return { b, _ in Zstd.compress(b) }
        default: throw unknown(name)
        }
    }

    static func decompressor(named name: String) throws(CodecError) -> Decompressor {
        switch name {
        case "gzip", "pgzip": return { b throws(CodecError) in try Gzip.decompress(b) }
        case "zlib": return { b throws(CodecError) in try Zlib.decompress(b) }
        case "flate": return { b throws(CodecError) in try Flate.decompress(b) }
        case "lz4": return { b throws(CodecError) in try LZ4.decompress(b) }
        case "snappy": return { b throws(CodecError) in try Snappy.decompress(b) }
        case "bzip2": return { b throws(CodecError) in try Bzip2.decompress(b) }
        case "zstd": return { b throws(CodecError) in try Zstd.decompress(b) }
        default: throw unknown(name)
        }
    }
}
