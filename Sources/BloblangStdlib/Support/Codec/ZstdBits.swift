/// The bit readers and entropy tables of Zstandard (RFC 8878).

/// Reads a forward bitstream least significant bit first (FSE table descriptions).
struct ZstdForwardBits {
    private let data: [UInt8]
    private let end: Int
    private(set) var bitPosition: Int

    init(_ data: [UInt8], from start: Int, to end: Int) {
        self.data = data
        self.end = end
        bitPosition = start * 8
    }

    mutating func read(_ n: Int) throws(CodecError) -> Int {
        let v = try peek(n)
        bitPosition += n
        return v
    }

    func peek(_ n: Int) throws(CodecError) -> Int {
        var v = 0
        for i in 0..<n {
            let bit = bitPosition + i
            guard bit / 8 < end else { throw Zstd.corrupt }
            v |= Int((data[bit / 8] >> UInt8(bit % 8)) & 1) << i
        }
        return v
    }

    mutating func skip(_ n: Int) { bitPosition += n }

    /// The offset of the first byte not (even partly) read.
    var nextByte: Int { (bitPosition + 7) / 8 }
}

/// Reads a bitstream backwards from its end, most significant bits first, as Zstandard
/// writes Huffman and FSE streams. Reading past the start yields zero bits and leaves
/// `remaining` negative (the Huffman-weight decoder relies on that).
struct ZstdBackwardBits {
    private let data: UnsafeBufferPointer<UInt8>
    private let start: Int
    /// Bits not yet read, counted from `start * 8`.
    private(set) var remaining: Int

    init(_ data: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) throws(CodecError) {
        guard end > start else { throw Zstd.corrupt }
        let last = data[end - 1]
        guard last != 0 else { throw Zstd.corrupt }
        self.data = data
        self.start = start
        // The highest set bit of the last byte marks where the stream begins.
        remaining = (end - start) * 8 - last.leadingZeroBitCount - 1
    }

    @inline(__always) mutating func read(_ n: Int) -> Int {
        if n == 0 { return 0 }
        remaining -= n
        return bits(at: remaining, count: n)
    }

    @inline(__always) func peek(_ n: Int) -> Int { bits(at: remaining - n, count: n) }

    @inline(__always) mutating func consume(_ n: Int) { remaining -= n }

    /// The `count` bits starting at bit `lo` (which may be negative: those bits are zero).
    @inline(__always) private func bits(at lo: Int, count: Int) -> Int {
        var v = 0
        var have = 0
        var bit = lo
        if bit < 0 {
            have = min(-bit, count)
            bit = 0
        }
        while have < count {
            let byte = Int(data[start + bit / 8])
            let shift = bit % 8
            let take = min(8 - shift, count - have)
            v |= ((byte >> shift) & ((1 << take) - 1)) << have
            have += take
            bit += take
        }
        return v
    }
}

/// An FSE decoding table (RFC 8878 §4.1).
struct ZstdFSETable: Sendable {
    let accuracyLog: Int
    var symbols: [UInt8]
    var bits: [UInt8]
    var baselines: [UInt16]

    /// Builds the table from normalised counts (-1 for "less than 1").
    init(counts: [Int], accuracyLog: Int) throws(CodecError) {
        self.accuracyLog = accuracyLog
        let size = 1 << accuracyLog
        symbols = [UInt8](repeating: 0, count: size)
        bits = [UInt8](repeating: 0, count: size)
        baselines = [UInt16](repeating: 0, count: size)
        var next = [Int](repeating: 0, count: counts.count)
        var high = size - 1
        for (s, c) in counts.enumerated() where c == -1 {
            symbols[high] = UInt8(s)
            high -= 1
            next[s] = 1
        }
        var position = 0
        let step = (size >> 1) + (size >> 3) + 3
        for (s, c) in counts.enumerated() where c > 0 {
            next[s] = c
            for _ in 0..<c {
                symbols[position] = UInt8(s)
                repeat { position = (position + step) & (size - 1) } while position > high
            }
        }
        guard position == 0 else { throw Zstd.corrupt }
        for i in 0..<size {
            let s = Int(symbols[i])
            let state = next[s]
            next[s] += 1
            let nb = accuracyLog - ((Int.bitWidth - 1) - state.leadingZeroBitCount)
            bits[i] = UInt8(nb)
            baselines[i] = UInt16((state << nb) - size)
        }
    }

    /// A table that always gives `symbol` (RLE mode).
    init(rle symbol: UInt8) {
        accuracyLog = 0
        symbols = [symbol]
        bits = [0]
        baselines = [0]
    }

    /// Reads a table description at `pos` (advancing it), for symbols up to `maxSymbol`.
    static func read(_ data: [UInt8], _ pos: inout Int, end: Int, maxSymbol: Int, maxLog: Int) throws(CodecError) -> ZstdFSETable {
        var r = ZstdForwardBits(data, from: pos, to: end)
        let log = try r.read(4) + 5
        guard log <= maxLog else { throw Zstd.corrupt }
        var remaining = (1 << log) + 1
        var threshold = 1 << log
        var nbBits = log + 1
        var counts: [Int] = []
        while remaining > 1 {
            guard counts.count <= maxSymbol else { throw Zstd.corrupt }
            let maxValue = 2 * threshold - 1 - remaining
            var value: Int
            let low = try r.peek(nbBits - 1)
            if low < maxValue {
                value = low
                r.skip(nbBits - 1)
            } else {
                value = try r.peek(nbBits)
                if value >= threshold { value -= maxValue }
                r.skip(nbBits)
            }
            let count = value - 1
            remaining -= count < 0 ? -count : count
            counts.append(count)
            if count == 0 {
                // A run of zero counts, in repeat flags of 2 bits.
                while true {
                    let flag = try r.read(2)
                    for _ in 0..<flag { counts.append(0) }
                    if flag != 3 { break }
                }
            }
            while remaining < threshold && nbBits > 1 {
                nbBits -= 1
                threshold >>= 1
            }
        }
        guard remaining == 1, counts.count <= maxSymbol + 1 else { throw Zstd.corrupt }
        pos = r.nextByte
        return try ZstdFSETable(counts: counts, accuracyLog: log)
    }
}

/// A Huffman decoding table for literals (RFC 8878 §4.2).
struct ZstdHuffmanTable {
    let maxBits: Int
    let symbols: [UInt8]
    let lengths: [UInt8]

    /// Reads a tree description at `pos` (advancing it).
    static func read(_ data: [UInt8], _ pos: inout Int, end: Int) throws(CodecError) -> ZstdHuffmanTable {
        guard pos < end else { throw Zstd.corrupt }
        let header = Int(data[pos])
        pos += 1
        var weights: [Int] = []
        if header < 128 {
            // FSE-compressed weights: two interleaved states over one table.
            guard end - pos >= header else { throw Zstd.corrupt }
            var p = pos
            let table = try ZstdFSETable.read(data, &p, end: pos + header, maxSymbol: 255, maxLog: 6)
            try data.withUnsafeBufferPointer { buf throws(CodecError) in
                var r = try ZstdBackwardBits(buf, from: p, to: pos + header)
                var s1 = r.read(table.accuracyLog)
                var s2 = r.read(table.accuracyLog)
                while weights.count < 255 {
                    weights.append(Int(table.symbols[s1]))
                    s1 = Int(table.baselines[s1]) + r.read(Int(table.bits[s1]))
                    if r.remaining < 0 {
                        weights.append(Int(table.symbols[s2]))
                        break
                    }
                    weights.append(Int(table.symbols[s2]))
                    s2 = Int(table.baselines[s2]) + r.read(Int(table.bits[s2]))
                    if r.remaining < 0 {
                        weights.append(Int(table.symbols[s1]))
                        break
                    }
                }
            }
            pos += header
        } else {
            let count = header - 127
            let byteCount = (count + 1) / 2
            guard end - pos >= byteCount else { throw Zstd.corrupt }
            for i in 0..<count {
                let b = Int(data[pos + i / 2])
                weights.append(i % 2 == 0 ? b >> 4 : b & 15)
            }
            pos += byteCount
        }
        guard weights.count < 256 else { throw Zstd.corrupt }
        var total = 0
        for w in weights where w > 0 {
            guard w <= 11 else { throw Zstd.corrupt }
            total += 1 << (w - 1)
        }
        guard total > 0 else { throw Zstd.corrupt }
        let maxBits = (Int.bitWidth - 1) - total.leadingZeroBitCount + 1
        let rest = (1 << maxBits) - total
        guard rest > 0, rest & (rest - 1) == 0, maxBits <= 11 else { throw Zstd.corrupt }
        weights.append(rest.trailingZeroBitCount + 1)
        // Lowest weights take the lowest codes; equal weights go in symbol order.
        var symbols = [UInt8](repeating: 0, count: 1 << maxBits)
        var lengths = [UInt8](repeating: 0, count: 1 << maxBits)
        var index = 0
        for w in 1...maxBits {
            for (s, sw) in weights.enumerated() where sw == w {
                let span = 1 << (w - 1)
                for k in index..<(index + span) {
                    symbols[k] = UInt8(s)
                    lengths[k] = UInt8(maxBits + 1 - w)
                }
                index += span
            }
        }
        return ZstdHuffmanTable(maxBits: maxBits, symbols: symbols, lengths: lengths)
    }

    /// Decodes one stream into exactly `count` bytes.
    func decode(_ buf: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, count: Int, into out: inout [UInt8]) throws(CodecError) {
        var r = try ZstdBackwardBits(buf, from: start, to: end)
        for _ in 0..<count {
            let i = r.peek(maxBits)
            out.append(symbols[i])
            r.consume(Int(lengths[i]))
        }
        guard r.remaining == 0 else { throw Zstd.corrupt }
    }
}
