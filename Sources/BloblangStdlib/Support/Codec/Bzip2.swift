/// A bzip2 decompressor (Benthos offers bzip2 for decompression only), with the error
/// wording of Go's `compress/bzip2`.
enum Bzip2 {
    static func decompress(_ input: [UInt8]) throws(CodecError) -> [UInt8] {
        var reader = Bzip2Reader(input)
        return try reader.run()
    }

    /// Go's `StructuralError`.
    static func invalid(_ reason: String) -> CodecError { CodecError("bzip2 data invalid: \(reason)") }

    /// The MSB-first CRC-32 (polynomial 0x04c11db7) that bzip2 uses for blocks.
    static let crcTable: [UInt32] = (0..<256).map { i in
        var c = UInt32(i) << 24
        for _ in 0..<8 { c = (c & 0x8000_0000) != 0 ? (c << 1) ^ 0x04c1_1db7 : c << 1 }
        return c
    }
}

private struct Bzip2Reader {
    private let input: [UInt8]
    private var pos = 0
    private var bitBuffer: UInt64 = 0
    private var bitCount = 0

    init(_ input: [UInt8]) { self.input = input }

    private mutating func bits(_ n: Int) throws(CodecError) -> Int {
        while bitCount < n {
            guard pos < input.count else { throw .unexpectedEOF }
            bitBuffer = bitBuffer << 8 | UInt64(input[pos])
            pos += 1
            bitCount += 8
        }
        bitCount -= n
        return Int((bitBuffer >> UInt64(bitCount)) & ((1 << UInt64(n)) - 1))
    }

    private mutating func bit() throws(CodecError) -> Bool { try bits(1) == 1 }

    mutating func run() throws(CodecError) -> [UInt8] {
        var out: [UInt8] = []
        var firstStream = true
        while true {
            if !firstStream {
                // Another stream may follow; anything else ends the data.
                let remainingBits = bitCount + 8 * (input.count - pos)
                if remainingBits < 32 { return out }
            }
            guard try bits(8) == 0x42, try bits(8) == 0x5a, try bits(8) == 0x68 else {
                if firstStream { throw Bzip2.invalid("bad magic value") }
                return out
            }
            let level = try bits(8)
            guard (0x31...0x39).contains(level) else { throw Bzip2.invalid("invalid compression level") }
            let blockSize = 100_000 * (level - 0x30)
            var combined: UInt32 = 0
            while true {
                let magic = try bits(24) << 24 | (try bits(24))
                if magic == 0x1772_4538_5090 {
                    let want = UInt32(try bits(32))
                    guard want == combined else { throw Bzip2.invalid("end of file checksum mismatch") }
                    // Streams are byte-aligned.
                    bitCount -= bitCount % 8
                    break
                }
                guard magic == 0x3141_5926_5359 else { throw Bzip2.invalid("bad magic value in continuation file") }
                let want = UInt32(try bits(32))
                let start = out.count
                try readBlock(into: &out, blockSize: blockSize)
                var crc: UInt32 = 0xffff_ffff
                Bzip2.crcTable.withUnsafeBufferPointer { t in
                    for b in out[start...] { crc = (crc << 8) ^ t[Int((crc >> 24) ^ UInt32(b))] }
                }
                crc = ~crc
                guard crc == want else { throw Bzip2.invalid("block checksum mismatch") }
                combined = (combined << 1 | combined >> 31) ^ crc
            }
            firstStream = false
        }
    }

    private mutating func readBlock(into out: inout [UInt8], blockSize: Int) throws(CodecError) {
        if try bit() { throw Bzip2.invalid("deprecated randomized files") }
        let origPtr = try bits(24)
        // The symbols in use: 16 groups of 16 byte values.
        let groups = try bits(16)
        var symbols: [UInt8] = []
        for g in 0..<16 where groups & (0x8000 >> g) != 0 {
            let used = try bits(16)
            for j in 0..<16 where used & (0x8000 >> j) != 0 { symbols.append(UInt8(g * 16 + j)) }
        }
        guard !symbols.isEmpty else { throw Bzip2.invalid("no symbols in input") }
        let numTrees = try bits(3)
        guard (2...6).contains(numTrees) else { throw Bzip2.invalid("invalid number of Huffman trees") }
        let numSelectors = try bits(15)
        guard numSelectors > 0 else { throw Bzip2.invalid("no tree selectors given") }
        var mtfTrees = Array(0..<numTrees)
        var selectors = [Int](repeating: 0, count: numSelectors)
        for i in 0..<numSelectors {
            var c = 0
            while try bit() {
                c += 1
                guard c < numTrees else { throw Bzip2.invalid("tree index too large") }
            }
            let t = mtfTrees.remove(at: c)
            mtfTrees.insert(t, at: 0)
            selectors[i] = t
        }
        let alphabetSize = symbols.count + 2
        var trees: [BzipHuffman] = []
        for _ in 0..<numTrees {
            var lengths = [Int](repeating: 0, count: alphabetSize)
            var length = try bits(5)
            for s in 0..<alphabetSize {
                while true {
                    guard (1...20).contains(length) else { throw Bzip2.invalid("invalid Huffman code length") }
                    if !(try bit()) { break }
                    length += try bit() ? -1 : 1
                }
                lengths[s] = length
            }
            guard let tree = BzipHuffman(lengths) else { throw Bzip2.invalid("invalid Huffman code") }
            trees.append(tree)
        }

        // Huffman + MTF + run-length (RUNA/RUNB) decoding into the BWT vector.
        var mtf = Array(0..<symbols.count).map { UInt8($0) }
        var counts = [Int](repeating: 0, count: 256)
        var tt: [UInt32] = []
        tt.reserveCapacity(blockSize)
        let endOfBlock = alphabetSize - 1
        var selectorIndex = 0
        var groupLeft = 0
        var tree = trees[0]
        var runLength = 0
        var runWeight = 1
        func flushRun() throws(CodecError) {
            guard runLength > 0 else { return }
            let b = symbols[Int(mtf[0])]
            guard tt.count + runLength <= blockSize else { throw Bzip2.invalid("repeats past end of block") }
            counts[Int(b)] += runLength
            for _ in 0..<runLength { tt.append(UInt32(b)) }
            runLength = 0
            runWeight = 1
        }
        while true {
            if groupLeft == 0 {
                guard selectorIndex < numSelectors else { throw Bzip2.invalid("insufficient selector indices for number of symbols") }
                tree = trees[selectors[selectorIndex]]
                selectorIndex += 1
                groupLeft = 50
            }
            groupLeft -= 1
            let sym = try tree.decode(&self)
            if sym <= 1 {
                // RUNA adds 1x the weight, RUNB 2x; weights double per symbol.
                guard runWeight <= blockSize else { throw Bzip2.invalid("repeat count too large") }
                runLength += (sym + 1) * runWeight
                runWeight <<= 1
                continue
            }
            try flushRun()
            if sym == endOfBlock { break }
            let index = sym - 1
            guard index < mtf.count else { throw Bzip2.invalid("invalid symbol") }
            let v = mtf.remove(at: index)
            mtf.insert(v, at: 0)
            let b = symbols[Int(v)]
            guard tt.count < blockSize else { throw Bzip2.invalid("data exceeds block size") }
            counts[Int(b)] += 1
            tt.append(UInt32(b))
        }
        guard origPtr < max(tt.count, 1), !tt.isEmpty else {
            if tt.isEmpty { return }
            throw Bzip2.invalid("origPtr out of bounds")
        }

        // Inverse Burrows–Wheeler transform: link each position to the next.
        var sum = 0
        for b in 0..<256 {
            let c = counts[b]
            counts[b] = sum
            sum += c
        }
        for i in 0..<tt.count {
            let b = Int(tt[i] & 0xff)
            tt[counts[b]] |= UInt32(i) << 8
            counts[b] += 1
        }
        // Undo the initial run-length encoding: four equal bytes are followed by a count.
        var p = Int(tt[origPtr] >> 8)
        var last = -1
        var same = 0
        for _ in 0..<tt.count {
            let entry = tt[p]
            let b = Int(entry & 0xff)
            p = Int(entry >> 8)
            if same == 4 {
                for _ in 0..<b { out.append(UInt8(last)) }
                same = 0
                last = -1
                continue
            }
            if b == last {
                same += 1
            } else {
                last = b
                same = 1
            }
            out.append(UInt8(b))
        }
    }

    fileprivate mutating func nextBit() throws(CodecError) -> Int { try bits(1) }
}

/// A canonical Huffman code with lengths up to 20 bits, decoded bit by bit.
private struct BzipHuffman {
    private var limits: [Int] = []  // largest code of each length, -1 when none
    private var bases: [Int] = []
    private var permute: [Int] = []
    private let minLength: Int
    private let maxLength: Int

    init?(_ lengths: [Int]) {
        guard let lo = lengths.min(), let hi = lengths.max() else { return nil }
        minLength = lo
        maxLength = hi
        for l in lo...hi {
            for (s, sl) in lengths.enumerated() where sl == l { permute.append(s) }
        }
        var code = 0
        var index = 0
        limits = [Int](repeating: -1, count: hi + 1)
        bases = [Int](repeating: 0, count: hi + 1)
        for l in lo...hi {
            let n = lengths.filter { $0 == l }.count
            bases[l] = index - code
            code += n
            index += n
            limits[l] = code - 1
            code <<= 1
        }
        // Over-subscribed codes cannot be decoded unambiguously.
        guard code >> 1 <= 1 << hi else { return nil }
    }

    func decode(_ r: inout Bzip2Reader) throws(CodecError) -> Int {
        var code = 0
        for l in 1...maxLength {
            code = code << 1 | (try r.nextBit())
            if l >= minLength && code <= limits[l] {
                let i = bases[l] + code
                guard i >= 0 && i < permute.count else { break }
                return permute[i]
            }
        }
        throw Bzip2.invalid("invalid Huffman code")
    }
}
