/// Zstandard (RFC 8878).
///
/// Decompression handles the whole format except dictionaries. Compression is simpler than
/// the reference encoder (raw literals, predefined entropy tables), so it shrinks data less
/// than Benthos's klauspost encoder does; any Zstandard decoder reads its output.
enum Zstd {
    static let corrupt = CodecError("zstd: corrupt input")
    private static let magic: UInt32 = 0xfd2f_b528
    private static let maxBlockSize = 128 << 10

    // MARK: - Compression

    /// Compresses into one frame with a content size and checksum. Blocks use our LZ77
    /// matcher with raw literals and the predefined FSE codes; a block that would not shrink
    /// is stored (or written as a run of one byte).
    static func compress(_ input: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(input.count / 2 + 32)
        out.appendLittleEndian(magic)
        // Frame header: 8-byte content size, single segment, checksum.
        out.append(0b1110_0100)
        out.appendLittleEndian(UInt64(input.count))
        var matcher = LZ77Matcher(level: 5)
        input.withUnsafeBufferPointer { src in
            var start = 0
            repeat {
                let end = min(start + maxBlockSize, input.count)
                let last: UInt32 = end == input.count ? 1 : 0
                let block = src[start..<end]
                if let first = block.first, block.count > 1, block.allSatisfy({ $0 == first }) {
                    let header = last | 1 << 1 | UInt32(block.count) << 3
                    out += [UInt8(header & 0xff), UInt8((header >> 8) & 0xff), UInt8(header >> 16), first]
                } else if let body = ZstdBlockEncoder.encode(src, start, end, &matcher), body.count < block.count {
                    let header = last | 2 << 1 | UInt32(body.count) << 3
                    out += [UInt8(header & 0xff), UInt8((header >> 8) & 0xff), UInt8(header >> 16)]
                    out += body
                } else {
                    let header = last | UInt32(block.count) << 3
                    out += [UInt8(header & 0xff), UInt8((header >> 8) & 0xff), UInt8(header >> 16)]
                    out += block
                }
                start = end
            } while start < input.count
        }
        out.appendLittleEndian(UInt32(truncatingIfNeeded: XXHash64.hash(input)))
        return out
    }

    // MARK: - Decompression

    static func decompress(_ input: [UInt8]) throws(CodecError) -> [UInt8] {
        var out: [UInt8] = []
        var pos = 0
        if input.isEmpty { return [] }
        while pos < input.count {
            guard input.count - pos >= 4 else { throw .unexpectedEOF }
            let m = UInt32(input[pos]) | UInt32(input[pos + 1]) << 8 | UInt32(input[pos + 2]) << 16
                | UInt32(input[pos + 3]) << 24
            pos += 4
            if m & 0xffff_fff0 == 0x184d_2a50 {
                guard input.count - pos >= 4 else { throw .unexpectedEOF }
                let n = Int(input[pos]) | Int(input[pos + 1]) << 8 | Int(input[pos + 2]) << 16 | Int(input[pos + 3]) << 24
                pos += 4
                guard input.count - pos >= n else { throw .unexpectedEOF }
                pos += n
                continue
            }
            guard m == magic else { throw CodecError("invalid input: magic number mismatch") }
            var frame = ZstdFrameDecoder(input: input, pos: pos)
            let data = try frame.run()
            pos = frame.pos
            out += data
        }
        return out
    }
}

struct ZstdFrameDecoder {
    let input: [UInt8]
    var pos: Int
    private var out: [UInt8] = []
    private var huffman: ZstdHuffmanTable?
    private var llTable: ZstdFSETable?
    private var ofTable: ZstdFSETable?
    private var mlTable: ZstdFSETable?
    private var repeats = [1, 4, 8]

    fileprivate init(input: [UInt8], pos: Int) {
        self.input = input
        self.pos = pos
    }

    private mutating func byte() throws(CodecError) -> Int {
        guard pos < input.count else { throw .unexpectedEOF }
        pos += 1
        return Int(input[pos - 1])
    }

    private mutating func littleEndian(_ n: Int) throws(CodecError) -> Int {
        guard input.count - pos >= n else { throw .unexpectedEOF }
        var v = 0
        for i in 0..<n { v |= Int(input[pos + i]) << (8 * i) }
        pos += n
        return v
    }

    mutating func run() throws(CodecError) -> [UInt8] {
        let descriptor = try byte()
        let sizeFlag = descriptor >> 6
        let singleSegment = descriptor & 0x20 != 0
        let hasChecksum = descriptor & 0x04 != 0
        guard descriptor & 0x08 == 0 else { throw Zstd.corrupt }
        if !singleSegment { _ = try byte() }  // window descriptor: the whole output is kept anyway
        let dictionaryID = try littleEndian([0, 1, 2, 4][descriptor & 3])
        guard dictionaryID == 0 else { throw CodecError("unknown dictionary") }
        var contentSize: Int? = nil
        switch sizeFlag {
        case 0: if singleSegment { contentSize = try byte() }
        case 1: contentSize = try littleEndian(2) + 256
        case 2: contentSize = try littleEndian(4)
        default: contentSize = try littleEndian(8)
        }
        if let contentSize { out.reserveCapacity(min(contentSize, 1 << 26)) }
        while true {
            let header = try littleEndian(3)
            let last = header & 1 != 0
            let type = (header >> 1) & 3
            let size = header >> 3
            switch type {
            case 0:
                guard input.count - pos >= size else { throw .unexpectedEOF }
                out += input[pos..<(pos + size)]
                pos += size
            case 1:
                let b = UInt8(try byte())
                out += repeatElement(b, count: size)
            case 2:
                guard size <= 128 << 10 else { throw CodecError("invalid input: compressed size too big") }
                guard input.count - pos >= size else { throw .unexpectedEOF }
                try compressedBlock(end: pos + size)
                pos += size
            default:
                throw CodecError("invalid input: reserved block type encountered")
            }
            if last { break }
        }
        if let contentSize, contentSize != out.count { throw CodecError("frame size does not match size on stream") }
        if hasChecksum {
            let want = UInt32(try littleEndian(4))
            guard want == UInt32(truncatingIfNeeded: XXHash64.hash(out)) else { throw CodecError("CRC check failed") }
        }
        return out
    }

    // MARK: - Compressed blocks

    private mutating func compressedBlock(end: Int) throws(CodecError) {
        var p = pos
        let literals = try readLiterals(&p, end: end)
        try sequences(&p, end: end, literals: literals)
    }

    private mutating func readLiterals(_ p: inout Int, end: Int) throws(CodecError) -> [UInt8] {
        guard p < end else { throw Zstd.corrupt }
        let b0 = Int(input[p])
        let type = b0 & 3
        let sizeFormat = (b0 >> 2) & 3
        func header(_ n: Int) throws(CodecError) -> Int {
            guard end - p >= n else { throw Zstd.corrupt }
            var v = 0
            for i in 0..<n { v |= Int(input[p + i]) << (8 * i) }
            p += n
            return v
        }
        if type < 2 {
            let size: Int
            switch sizeFormat {
            case 0, 2: size = try header(1) >> 3
            case 1: size = try header(2) >> 4
            default: size = try header(3) >> 4
            }
            if type == 0 {
                guard end - p >= size else { throw Zstd.corrupt }
                defer { p += size }
                return Array(input[p..<(p + size)])
            }
            guard p < end else { throw Zstd.corrupt }
            defer { p += 1 }
            return [UInt8](repeating: input[p], count: size)
        }
        let streams = sizeFormat == 0 ? 1 : 4
        let fieldBits = [10, 10, 14, 18][sizeFormat]
        let h = try header([3, 3, 4, 5][sizeFormat])
        let regenerated = (h >> 4) & ((1 << fieldBits) - 1)
        let compressed = (h >> (4 + fieldBits)) & ((1 << fieldBits) - 1)
        guard end - p >= compressed else { throw Zstd.corrupt }
        let streamEnd = p + compressed
        var q = p
        if type == 2 {
            huffman = try ZstdHuffmanTable.read(input, &q, end: streamEnd)
        }
        guard let table = huffman else { throw Zstd.corrupt }
        var literals: [UInt8] = []
        literals.reserveCapacity(regenerated)
        try input.withUnsafeBufferPointer { buf throws(CodecError) in
            if streams == 1 {
                try table.decode(buf, from: q, to: streamEnd, count: regenerated, into: &literals)
            } else {
                guard streamEnd - q >= 6 else { throw Zstd.corrupt }
                let s1 = Int(buf[q]) | Int(buf[q + 1]) << 8
                let s2 = Int(buf[q + 2]) | Int(buf[q + 3]) << 8
                let s3 = Int(buf[q + 4]) | Int(buf[q + 5]) << 8
                var start = q + 6
                let ends = [start + s1, start + s1 + s2, start + s1 + s2 + s3, streamEnd]
                guard ends[2] <= streamEnd else { throw Zstd.corrupt }
                let each = (regenerated + 3) / 4
                guard regenerated >= 3 * each else { throw Zstd.corrupt }
                for (i, e) in ends.enumerated() {
                    let count = i < 3 ? each : regenerated - 3 * each
                    try table.decode(buf, from: start, to: e, count: count, into: &literals)
                    start = e
                }
            }
        }
        p = streamEnd
        return literals
    }

    static let llBase: [Int] = Array(0..<16) + [
        16, 18, 20, 22, 24, 28, 32, 40, 48, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536,
    ]
    static let llBits: [Int] = [Int](repeating: 0, count: 16) + [
        1, 1, 1, 1, 2, 2, 3, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
    ]
    static let mlBase: [Int] = Array(3..<35) + [
        35, 37, 39, 41, 43, 47, 51, 59, 67, 83, 99, 131, 259, 515, 1027, 2051, 4099, 8195, 16387, 32771, 65539,
    ]
    static let mlBits: [Int] = [Int](repeating: 0, count: 32) + [
        1, 1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
    ]
    // The default distributions of RFC 8878 §3.1.1.3.2.2.
    static let llDefault = try? ZstdFSETable(
        counts: [4, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 2, 1, 1, 1, 1, 1,
                 -1, -1, -1, -1], accuracyLog: 6)
    static let mlDefault = try? ZstdFSETable(
        counts: [1, 4, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1, -1, -1], accuracyLog: 6)
    static let ofDefault = try? ZstdFSETable(
        counts: [1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1],
        accuracyLog: 5)

    private mutating func table(
        mode: Int, _ p: inout Int, end: Int, previous: ZstdFSETable?, predefined: ZstdFSETable?, maxSymbol: Int, maxLog: Int
    ) throws(CodecError) -> ZstdFSETable {
        switch mode {
        case 0:
            guard let predefined else { throw Zstd.corrupt }
            return predefined
        case 1:
            guard p < end, Int(input[p]) <= maxSymbol else { throw Zstd.corrupt }
            p += 1
            return ZstdFSETable(rle: input[p - 1])
        case 2:
            return try ZstdFSETable.read(input, &p, end: end, maxSymbol: maxSymbol, maxLog: maxLog)
        default:
            guard let previous else { throw Zstd.corrupt }
            return previous
        }
    }

    private mutating func sequences(_ p: inout Int, end: Int, literals: [UInt8]) throws(CodecError) {
        guard p < end else { throw Zstd.corrupt }
        var count = Int(input[p])
        p += 1
        if count == 0 {
            out += literals
            return
        }
        if count >= 128 {
            guard p < end else { throw Zstd.corrupt }
            if count < 255 {
                count = ((count - 128) << 8) + Int(input[p])
                p += 1
            } else {
                guard end - p >= 2 else { throw Zstd.corrupt }
                count = Int(input[p]) + (Int(input[p + 1]) << 8) + 0x7f00
                p += 2
            }
        }
        guard p < end else { throw Zstd.corrupt }
        let modes = Int(input[p])
        p += 1
        guard modes & 3 == 0 else { throw Zstd.corrupt }
        let ll = try table(mode: modes >> 6, &p, end: end, previous: llTable, predefined: Self.llDefault, maxSymbol: 35, maxLog: 9)
        let of = try table(mode: (modes >> 4) & 3, &p, end: end, previous: ofTable, predefined: Self.ofDefault, maxSymbol: 31, maxLog: 8)
        let ml = try table(mode: (modes >> 2) & 3, &p, end: end, previous: mlTable, predefined: Self.mlDefault, maxSymbol: 52, maxLog: 9)
        llTable = ll
        ofTable = of
        mlTable = ml
        var literalPos = 0
        var output = out
        out = []
        defer { out = output }
        var reps = repeats
        try input.withUnsafeBufferPointer { buf throws(CodecError) in
            var r = try ZstdBackwardBits(buf, from: p, to: end)
            var llState = r.read(ll.accuracyLog)
            var ofState = r.read(of.accuracyLog)
            var mlState = r.read(ml.accuracyLog)
            for i in 0..<count {
                let ofCode = Int(of.symbols[ofState])
                let mlCode = Int(ml.symbols[mlState])
                let llCode = Int(ll.symbols[llState])
                guard ofCode <= 31, mlCode <= 52, llCode <= 35 else { throw Zstd.corrupt }
                let offsetValue = (1 << ofCode) + r.read(ofCode)
                let matchLength = Self.mlBase[mlCode] + r.read(Self.mlBits[mlCode])
                let literalLength = Self.llBase[llCode] + r.read(Self.llBits[llCode])
                var offset: Int
                if offsetValue > 3 {
                    offset = offsetValue - 3
                    reps = [offset, reps[0], reps[1]]
                } else {
                    let index = offsetValue - 1 + (literalLength == 0 ? 1 : 0)
                    switch index {
                    case 0: offset = reps[0]
                    case 1:
                        offset = reps[1]
                        reps = [offset, reps[0], reps[2]]
                    case 2:
                        offset = reps[2]
                        reps = [offset, reps[0], reps[1]]
                    default:
                        offset = reps[0] - 1
                        reps = [offset, reps[0], reps[1]]
                    }
                }
                guard literals.count - literalPos >= literalLength else { throw Zstd.corrupt }
                output += literals[literalPos..<(literalPos + literalLength)]
                literalPos += literalLength
                guard offset > 0, offset <= output.count else { throw Zstd.corrupt }
                output.appendBackReference(distance: offset, length: matchLength)
                if i < count - 1 {
                    llState = Int(ll.baselines[llState]) + r.read(Int(ll.bits[llState]))
                    mlState = Int(ml.baselines[mlState]) + r.read(Int(ml.bits[mlState]))
                    ofState = Int(of.baselines[ofState]) + r.read(Int(of.bits[ofState]))
                }
            }
            guard r.remaining == 0 else { throw Zstd.corrupt }
        }
        repeats = reps
        output += literals[literalPos...]
    }
}
