/// The gzip (RFC 1952) and zlib (RFC 1950) containers around DEFLATE, written the way
/// klauspost/compress writes them and read the way Go's readers read them.
enum Gzip {
    static func compress(_ input: [UInt8], level: Int) throws(CodecError) -> [UInt8] {
        guard (-3...9).contains(level) else { throw CodecError("gzip: invalid compression level: \(level)") }
        // MTIME is Go's zero time truncated to 32 bits, which klauspost writes when no
        // modification time is set; the OS byte is "unknown".
        var out: [UInt8] = [0x1f, 0x8b, 8, 0, 0x00, 0x09, 0x6e, 0x88, level == 9 ? 2 : (level == 1 ? 4 : 0), 0xff]
        out += DeflateEncoder.compress(input, level: level == -3 ? -1 : level)
        out.appendLittleEndian(CRC32.ieee.checksum(input))
        out.appendLittleEndian(UInt32(truncatingIfNeeded: input.count))
        return out
    }

    /// The layout of `github.com/klauspost/pgzip`: the same container, with the data cut
    /// into 1 MiB blocks that each end in a sync point.
    static func compressParallelLayout(_ input: [UInt8], level: Int) throws(CodecError) -> [UInt8] {
        guard (-2...9).contains(level) else { throw CodecError("gzip: invalid compression level: \(level)") }
        var out: [UInt8] = [0x1f, 0x8b, 8, 0, 0x00, 0x09, 0x6e, 0x88, level == 9 ? 2 : (level == 1 ? 4 : 0), 0xff]
        let blockSize = 1 << 20
        var start = 0
        while true {
            // A full block is flushed as soon as it fills; closing flushes what is left
            // (possibly nothing) and ends the stream.
            let end = min(start + blockSize, input.count)
            let full = end - start == blockSize
            out += DeflateEncoder.compress(Array(input[start..<end]), level: level, ending: full ? .sync : .syncThenFinal)
            start = end
            if !full { break }
        }
        out.appendLittleEndian(CRC32.ieee.checksum(input))
        out.appendLittleEndian(UInt32(truncatingIfNeeded: input.count))
        return out
    }

    private static let invalidHeader = CodecError("gzip: invalid header")

    /// Decompresses every member of a (possibly multi-member) gzip stream.
    static func decompress(_ input: [UInt8]) throws(CodecError) -> [UInt8] {
        var out: [UInt8] = []
        var pos = 0
        var first = true
        while true {
            if pos == input.count {
                if first { throw CodecError("EOF") }
                return out
            }
            guard input.count - pos >= 10 else { throw .unexpectedEOF }
            guard input[pos] == 0x1f, input[pos + 1] == 0x8b, input[pos + 2] == 8 else { throw invalidHeader }
            let headerStart = pos
            let flags = input[pos + 3]
            pos += 10
            if flags & 0x04 != 0 {
                guard input.count - pos >= 2 else { throw .unexpectedEOF }
                let n = Int(input[pos]) | Int(input[pos + 1]) << 8
                pos += 2
                guard input.count - pos >= n else { throw .unexpectedEOF }
                pos += n
            }
            for flag: UInt8 in [0x08, 0x10] where flags & flag != 0 {
                // A zero-terminated name or comment.
                while true {
                    guard pos < input.count else { throw .unexpectedEOF }
                    pos += 1
                    if input[pos - 1] == 0 { break }
                }
            }
            if flags & 0x02 != 0 {
                guard input.count - pos >= 2 else { throw .unexpectedEOF }
                let want = UInt32(input[pos]) | UInt32(input[pos + 1]) << 8
                let got = CRC32.ieee.checksum(Array(input[headerStart..<pos])) & 0xffff
                guard want == got else { throw invalidHeader }
                pos += 2
            }
            let (data, end) = try Inflater.inflate(input, from: pos)
            pos = end
            guard input.count - pos >= 8 else { throw .unexpectedEOF }
            let crc = UInt32(input[pos]) | UInt32(input[pos + 1]) << 8 | UInt32(input[pos + 2]) << 16
                | UInt32(input[pos + 3]) << 24
            let size = UInt32(input[pos + 4]) | UInt32(input[pos + 5]) << 8 | UInt32(input[pos + 6]) << 16
                | UInt32(input[pos + 7]) << 24
            guard crc == CRC32.ieee.checksum(data), size == UInt32(truncatingIfNeeded: data.count) else {
                throw CodecError("gzip: invalid checksum")
            }
            pos += 8
            out += data
            first = false
        }
    }
}

enum Zlib {
    static func compress(_ input: [UInt8], level: Int) throws(CodecError) -> [UInt8] {
        guard (-2...9).contains(level) else { throw CodecError("zlib: invalid compression level: \(level)") }
        let flevel: UInt8
        switch level {
        case -2, 0, 1: flevel = 0
        case 2...5: flevel = 1
        case 6, -1: flevel = 2
        default: flevel = 3
        }
        let cmf: UInt8 = 0x78
        var flg = flevel << 6
        flg += UInt8(31 - (UInt16(cmf) << 8 + UInt16(flg)) % 31)
        var out: [UInt8] = [cmf, flg]
        out += DeflateEncoder.compress(input, level: level)
        out.appendBigEndian(Adler32.checksum(input))
        return out
    }

    static func decompress(_ input: [UInt8]) throws(CodecError) -> [UInt8] {
        guard input.count >= 2 else { throw .unexpectedEOF }
        let h = UInt16(input[0]) << 8 | UInt16(input[1])
        guard input[0] & 0x0f == 8, input[0] >> 4 <= 7, h % 31 == 0 else { throw CodecError("zlib: invalid header") }
        if input[1] & 0x20 != 0 {
            guard input.count >= 6 else { throw .unexpectedEOF }
            throw CodecError("zlib: invalid dictionary")
        }
        let (data, end) = try Inflater.inflate(input, from: 2)
        guard input.count - end >= 4 else { throw .unexpectedEOF }
        let want = UInt32(input[end]) << 24 | UInt32(input[end + 1]) << 16 | UInt32(input[end + 2]) << 8
            | UInt32(input[end + 3])
        guard want == Adler32.checksum(data) else { throw CodecError("zlib: invalid checksum") }
        return data
    }
}

enum Flate {
    static func compress(_ input: [UInt8], level: Int) throws(CodecError) -> [UInt8] {
        // klauspost also accepts -32...-32768 as a custom window size; we compress those at the default level.
        if (32...32768).contains(-level) { return DeflateEncoder.compress(input, level: -1) }
        guard (-2...9).contains(level) else {
            throw CodecError("flate: invalid compression level \(level): want value in range [-2, 9]")
        }
        return DeflateEncoder.compress(input, level: level)
    }

    static func decompress(_ input: [UInt8]) throws(CodecError) -> [UInt8] {
        try Inflater.inflate(input).data
    }
}
