/// A DEFLATE (RFC 1951) decompressor with the failure modes of Go's `compress/flate`:
/// truncated input is `unexpected EOF`, anything malformed is
/// `flate: corrupt input before offset N`.
struct Inflater {
    private let input: [UInt8]
    private var pos: Int
    private var bitBuffer: UInt64 = 0
    private var bitCount = 0
    private var output: [UInt8] = []

    private init(_ input: [UInt8], from start: Int) {
        self.input = input
        pos = start
    }

    /// Decompresses the stream that starts at `start`, returning the data and the offset of
    /// the first byte after the stream.
    static func inflate(_ input: [UInt8], from start: Int = 0) throws(CodecError) -> (data: [UInt8], end: Int) {
        var inflater = Inflater(input, from: start)
        inflater.output.reserveCapacity(min(input.count * 4, 1 << 26))
        try inflater.run()
        // Give back whole bytes still buffered: the stream ends at a byte boundary after them.
        return (inflater.output, inflater.pos - inflater.bitCount / 8)
    }

    private var corrupt: CodecError { CodecError("flate: corrupt input before offset \(pos)") }

    // MARK: - Bits

    @inline(__always) private mutating func need(_ n: Int) throws(CodecError) {
        while bitCount < n {
            guard pos < input.count else { throw .unexpectedEOF }
            bitBuffer |= UInt64(input[pos]) << UInt64(bitCount)
            pos += 1
            bitCount += 8
        }
    }

    @inline(__always) private mutating func bits(_ n: Int) throws(CodecError) -> Int {
        if n == 0 { return 0 }
        try need(n)
        let v = Int(bitBuffer & ((1 << UInt64(n)) - 1))
        bitBuffer >>= UInt64(n)
        bitCount -= n
        return v
    }

    /// Tops the buffer up to at least `n` bits when the input allows, without failing.
    @inline(__always) private mutating func fill(_ n: Int) {
        while bitCount < n && pos < input.count {
            bitBuffer |= UInt64(input[pos]) << UInt64(bitCount)
            pos += 1
            bitCount += 8
        }
    }

    private mutating func decode(_ h: HuffmanDecoder) throws(CodecError) -> Int {
        fill(HuffmanDecoder.fastBits)
        let entry = h.fast[Int(bitBuffer & UInt64((1 << HuffmanDecoder.fastBits) - 1))]
        if entry != 0 {
            let length = Int(entry >> 9)
            if length <= bitCount {
                bitBuffer >>= UInt64(length)
                bitCount -= length
                return Int(entry & 0x1ff)
            }
        }
        // Canonical decoding one bit at a time, for long codes and the end of the input.
        var code = 0, first = 0, index = 0
        for length in 1...15 {
            code |= try bits(1)
            let count = h.counts[length]
            if code - first < count { return h.symbols[index + code - first] }
            index += count
            first = (first + count) << 1
            code <<= 1
        }
        throw corrupt
    }

    // MARK: - Blocks

    private mutating func run() throws(CodecError) {
        var final = false
        while !final {
            final = try bits(1) == 1
            switch try bits(2) {
            case 0: try storedBlock()
            case 1: try codesBlock(HuffmanDecoder.fixedLiterals, HuffmanDecoder.fixedDistances)
            case 2:
                let (lit, dist) = try dynamicTables()
                try codesBlock(lit, dist)
            default: throw corrupt
            }
        }
    }

    private mutating func storedBlock() throws(CodecError) {
        // Drop to the byte boundary, then read LEN and NLEN.
        let drop = bitCount % 8
        bitBuffer >>= UInt64(drop)
        bitCount -= drop
        let n = try bits(16)
        let nn = try bits(16)
        guard n == (~nn & 0xffff) else { throw corrupt }
        // Whole bytes may still sit in the bit buffer.
        var remaining = n
        while remaining > 0 && bitCount >= 8 {
            output.append(UInt8(truncatingIfNeeded: bitBuffer))
            bitBuffer >>= 8
            bitCount -= 8
            remaining -= 1
        }
        guard input.count - pos >= remaining else { throw .unexpectedEOF }
        output.append(contentsOf: input[pos..<(pos + remaining)])
        pos += remaining
    }

    private mutating func dynamicTables() throws(CodecError) -> (HuffmanDecoder, HuffmanDecoder) {
        let nlit = try bits(5) + 257
        let ndist = try bits(5) + 1
        let nclen = try bits(4) + 4
        guard nlit <= 286, ndist <= 30 else { throw corrupt }
        var clLengths = [UInt8](repeating: 0, count: 19)
        for i in 0..<nclen { clLengths[DeflateTables.codeLengthOrder[i]] = UInt8(try bits(3)) }
        guard let clDecoder = HuffmanDecoder(clLengths) else { throw corrupt }
        let n = nlit + ndist
        var lengths = [UInt8](repeating: 0, count: n)
        var i = 0
        while i < n {
            let sym = try decode(clDecoder)
            if sym < 16 {
                lengths[i] = UInt8(sym)
                i += 1
                continue
            }
            var repeatCount: Int
            var value: UInt8 = 0
            switch sym {
            case 16:
                guard i > 0 else { throw corrupt }
                repeatCount = 3 + (try bits(2))
                value = lengths[i - 1]
            case 17: repeatCount = 3 + (try bits(3))
            case 18: repeatCount = 11 + (try bits(7))
            default: throw corrupt
            }
            guard i + repeatCount <= n else { throw corrupt }
            for _ in 0..<repeatCount {
                lengths[i] = value
                i += 1
            }
        }
        guard let lit = HuffmanDecoder(Array(lengths[0..<nlit])),
            let dist = HuffmanDecoder(Array(lengths[nlit..<n]))
        else { throw corrupt }
        return (lit, dist)
    }

    private mutating func codesBlock(_ lit: HuffmanDecoder, _ dist: HuffmanDecoder) throws(CodecError) {
        while true {
            let sym = try decode(lit)
            if sym < 256 {
                output.append(UInt8(sym))
                continue
            }
            if sym == 256 { return }
            let lc = sym - 257
            guard lc < 29 else { throw corrupt }
            let length = DeflateTables.lengthBase[lc] + (try bits(DeflateTables.lengthExtra[lc]))
            let dc = try decode(dist)
            guard dc < 30 else { throw corrupt }
            let distance = DeflateTables.distanceBase[dc] + (try bits(DeflateTables.distanceExtra[dc]))
            guard distance <= output.count else { throw corrupt }
            output.appendBackReference(distance: distance, length: length)
        }
    }
}

/// A canonical Huffman code for decoding: a 9-bit lookup table plus counts and symbols for
/// longer codes.
struct HuffmanDecoder: Sendable {
    static let fastBits = 9
    /// Entry: symbol in the low 9 bits, code length above; 0 for "not a short code".
    var fast = [UInt16](repeating: 0, count: 1 << fastBits)
    var counts = [Int](repeating: 0, count: 16)
    var symbols: [Int] = []

    static let fixedLiterals = HuffmanDecoder(DeflateTables.fixedLiteralLengths)!
    static let fixedDistances = HuffmanDecoder([UInt8](repeating: 5, count: 32))!

    /// Fails for an over-subscribed or incomplete code, except that a single code of length 1
    /// and an empty code are accepted (as Go does).
    init?(_ lengths: [UInt8]) {
        var maxLength = 0
        for l in lengths where l > 0 {
            counts[Int(l)] += 1
            maxLength = max(maxLength, Int(l))
        }
        if maxLength > 0 {
            var kraft = 0
            for l in 1...15 { kraft += counts[l] << (15 - l) }
            let total = counts.reduce(0, +)
            guard kraft == 1 << 15 || (total == 1 && maxLength == 1) else { return nil }
        }
        var offsets = [Int](repeating: 0, count: 16)
        for l in 1..<15 { offsets[l + 1] = offsets[l] + counts[l] }
        symbols = [Int](repeating: 0, count: offsets[15] + counts[15])
        for (sym, l) in lengths.enumerated() where l > 0 {
            symbols[offsets[Int(l)]] = sym
            offsets[Int(l)] += 1
        }
        let codes = DeflateTables.canonicalCodes(lengths)
        for (sym, l) in lengths.enumerated() where l > 0 && Int(l) <= HuffmanDecoder.fastBits {
            let entry = UInt16(sym) | UInt16(l) << 9
            var idx = Int(codes[sym])
            while idx < 1 << HuffmanDecoder.fastBits {
                fast[idx] = entry
                idx += 1 << Int(l)
            }
        }
    }
}
