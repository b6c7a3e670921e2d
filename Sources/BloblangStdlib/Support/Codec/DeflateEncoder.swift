/// A DEFLATE (RFC 1951) compressor.
///
/// Benthos compresses with `github.com/klauspost/compress`. For short inputs (under 128
/// bytes at the default and fast levels), for level 0 and for the Huffman-only level, this
/// encoder makes the same block choices as that library, so short messages compress to the
/// same bytes. Longer inputs use our own LZ77 matcher: the output is valid DEFLATE but not
/// byte-identical to Go's.
enum DeflateEncoder {
    /// How a compressed stream ends.
    enum Ending {
        /// An empty final block (what `Close` writes).
        case final
        /// An empty stored block marking a sync point (what `Flush` writes), stream left open.
        case sync
        /// A sync point, then the final block (`Flush` then `Close`, as pgzip ends).
        case syncThenFinal
    }

    /// Levels: -2 Huffman only, 0 stored, 1...9 speed to ratio; -1 means the default (5).
    static func compress(_ input: [UInt8], level rawLevel: Int, ending: Ending = .final) -> [UInt8] {
        let level = rawLevel == -1 ? 5 : rawLevel
        var w = BitWriter()
        w.bytes.reserveCapacity(input.count / 2 + 64)
        input.withUnsafeBufferPointer { src in
            switch level {
            case 0:
                var i = 0
                while i < src.count {
                    let end = min(i + 65535, src.count)
                    writeStored(&w, src, i, end)
                    i = end
                }
            case -2:
                var i = 0
                while i < src.count {
                    let end = min(i + 32768, src.count)
                    writeHuffmanOnly(&w, src, i, end, penaltyShift: 10)
                    i = end
                }
            default:
                compressLZ77(&w, src, level: max(1, min(9, level)))
            }
        }
        if ending != .final {
            w.write(0, 3)
            w.align()
            w.write(0, 16)
            w.write(0xffff, 16)
        }
        if ending != .sync {
            // Like klauspost, end with an empty final block of fixed codes: 10 bits, not 5 bytes.
            w.write(0b011, 3)
            w.write(0, 7)
            w.align()
        }
        return w.bytes
    }

    // MARK: - Block writers

    private static func writeStored(_ w: inout BitWriter, _ src: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) {
        let n = end - start
        w.write(0, 3)
        w.align()
        w.write(n, 16)
        w.write(~n & 0xffff, 16)
        w.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: src[start..<end]))
    }

    /// Literals only, or stored when the estimate says Huffman coding does not pay
    /// (klauspost's `writeBlockHuff` rule, including its 70-byte header guess).
    private static func writeHuffmanOnly(
        _ w: inout BitWriter, _ src: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, penaltyShift: Int
    ) {
        let n = end - start
        var freq = [Int](repeating: 0, count: 257)
        for i in start..<end { freq[Int(src[i])] += 1 }
        if n > 1024 {
            // Near-uniform byte histograms cannot be compressed: store without trying.
            var abs = 0.0
            let avg = Double(n) / 256, limit = Double(n * 2)
            for v in freq[0..<256] {
                let d = Double(v) - avg
                abs += d * d
                if abs > limit { break }
            }
            if abs < limit {
                writeStored(&w, src, start, end)
                return
            }
        }
        freq[256] = 1
        let lengths = DeflateTables.codeLengths(freq, limit: 15)
        var est = 70 * 8
        for (s, f) in freq.enumerated() { est += f * Int(lengths[s]) }
        est += est >> penaltyShift
        if (n + 5) * 8 <= est {
            writeStored(&w, src, start, end)
            return
        }
        var tokens: [UInt32] = []
        tokens.reserveCapacity(n)
        for i in start..<end { tokens.append(UInt32(src[i])) }
        let litLengths = lengths + [UInt8](repeating: 0, count: 286 - 257)
        writeDynamic(&w, tokens, litLengths: litLengths, distLengths: [1])
    }

    /// Writes a block with dynamic codes built from `litLengths`/`distLengths`.
    private static func writeDynamic(_ w: inout BitWriter, _ tokens: [UInt32], litLengths: [UInt8], distLengths: [UInt8]) {
        let header = DynamicHeader(litLengths: litLengths, distLengths: distLengths)
        w.write(0, 1)
        w.write(2, 2)
        header.write(&w)
        writeTokens(&w, tokens, litLengths: litLengths, distLengths: distLengths)
    }

    private static func writeFixed(_ w: inout BitWriter, _ tokens: [UInt32]) {
        w.write(0, 1)
        w.write(1, 2)
        writeTokens(&w, tokens, litLengths: DeflateTables.fixedLiteralLengths,
                    distLengths: [UInt8](repeating: 5, count: 30))
    }

    private static func writeTokens(_ w: inout BitWriter, _ tokens: [UInt32], litLengths: [UInt8], distLengths: [UInt8]) {
        let litCodes = DeflateTables.canonicalCodes(litLengths)
        let distCodes = DeflateTables.canonicalCodes(distLengths)
        for t in tokens {
            if t & 0x8000_0000 == 0 {
                w.write(Int(litCodes[Int(t)]), Int(litLengths[Int(t)]))
            } else {
                let length = Int((t >> 15) & 0x1ff)
                let distance = Int(t & 0x7fff) + 1
                let lc = Int(DeflateTables.lengthCodeOf[length - 3])
                w.write(Int(litCodes[257 + lc]), Int(litLengths[257 + lc]))
                if DeflateTables.lengthExtra[lc] > 0 {
                    w.write(length - DeflateTables.lengthBase[lc], DeflateTables.lengthExtra[lc])
                }
                let dc = DeflateTables.distanceCode(distance)
                w.write(Int(distCodes[dc]), Int(distLengths[dc]))
                if DeflateTables.distanceExtra[dc] > 0 {
                    w.write(distance - DeflateTables.distanceBase[dc], DeflateTables.distanceExtra[dc])
                }
            }
        }
        w.write(Int(litCodes[256]), Int(litLengths[256]))
    }

    // MARK: - LZ77

    private static func compressLZ77(_ w: inout BitWriter, _ src: UnsafeBufferPointer<UInt8>, level: Int) {
        var matcher = LZ77Matcher(level: level)
        let window = 65535
        var start = 0
        while start < src.count {
            let end = min(start + window, src.count)
            let n = end - start
            if end == src.count && n < 128 && level <= 6 {
                // klauspost's handling of a short final block.
                if n <= 32 {
                    writeStored(&w, src, start, end)
                } else {
                    writeHuffmanOnly(&w, src, start, end, penaltyShift: 7)
                }
                break
            }
            var tokens: [UInt32] = []
            tokens.reserveCapacity(n / 2)
            var litFreq = [Int](repeating: 0, count: 286)
            var distFreq = [Int](repeating: 0, count: 30)
            var matches = 0
            var i = start
            var pending: (length: Int, distance: Int)? = nil
            while i < end {
                var m = pending ?? matcher.find(src, i, maxLength: min(258, end - i))
                pending = nil
                matcher.insert(src, i)
                if m.length >= 4 && matcher.lazy && m.length < matcher.lazyLimit && i + 1 < end {
                    // Lazy evaluation: prefer a longer match starting at the next byte.
                    let next = matcher.find(src, i + 1, maxLength: min(258, end - i - 1))
                    if next.length > m.length {
                        m = (0, 0)
                        pending = next
                    }
                }
                if m.length >= 4 {
                    tokens.append(0x8000_0000 | UInt32(m.length) << 15 | UInt32(m.distance - 1))
                    litFreq[257 + Int(DeflateTables.lengthCodeOf[m.length - 3])] += 1
                    distFreq[DeflateTables.distanceCode(m.distance)] += 1
                    matches += 1
                    for j in (i + 1)..<(i + m.length) { matcher.insert(src, j) }
                    i += m.length
                } else {
                    tokens.append(UInt32(src[i]))
                    litFreq[Int(src[i])] += 1
                    i += 1
                }
            }
            if matches == 0 || tokens.count > n - (n >> 4) {
                writeHuffmanOnly(&w, src, start, end, penaltyShift: 7)
            } else {
                writeBest(&w, src, start, end, tokens, litFreq: litFreq, distFreq: distFreq)
            }
            start = end
        }
    }

    /// Writes the tokens with whichever of dynamic codes, fixed codes or a stored block is smallest.
    private static func writeBest(
        _ w: inout BitWriter, _ src: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ tokens: [UInt32],
        litFreq inLit: [Int], distFreq: [Int]
    ) {
        var litFreq = inLit
        litFreq[256] = 1
        let litLengths = DeflateTables.codeLengths(litFreq, limit: 15)
        var distLengths = DeflateTables.codeLengths(distFreq, limit: 15)
        if distLengths.allSatisfy({ $0 == 0 }) { distLengths[0] = 1 }
        var extraBits = 0
        for c in 0..<29 { extraBits += litFreq[257 + c] * DeflateTables.lengthExtra[c] }
        for c in 0..<30 { extraBits += distFreq[c] * DeflateTables.distanceExtra[c] }
        var dynamicBits = 3 + DynamicHeader(litLengths: litLengths, distLengths: distLengths).bitCount + extraBits
        var fixedBits = 3 + extraBits
        for s in 0..<286 {
            dynamicBits += litFreq[s] * Int(litLengths[s])
            fixedBits += litFreq[s] * Int(DeflateTables.fixedLiteralLengths[s])
        }
        for c in 0..<30 {
            dynamicBits += distFreq[c] * Int(distLengths[c])
            fixedBits += distFreq[c] * 5
        }
        let storedBits = (end - start + 5) * 8
        if storedBits <= min(dynamicBits, fixedBits) {
            writeStored(&w, src, start, end)
        } else if fixedBits <= dynamicBits {
            writeFixed(&w, tokens)
        } else {
            writeDynamic(&w, tokens, litLengths: litLengths, distLengths: distLengths)
        }
    }
}

/// The code-length section of a dynamic block header, run-length coded.
private struct DynamicHeader {
    let numLit: Int
    let numDist: Int
    let numCodeLengths: Int
    let clLengths: [UInt8]
    /// (symbol 0...18, extra value) pairs.
    let symbols: [(Int, Int)]

    init(litLengths: [UInt8], distLengths: [UInt8]) {
        var nl = 286
        while nl > 257 && litLengths[nl - 1] == 0 { nl -= 1 }
        var nd = min(30, distLengths.count)
        while nd > 1 && distLengths[nd - 1] == 0 { nd -= 1 }
        numLit = nl
        numDist = nd
        let all = Array(litLengths[0..<nl]) + Array(distLengths[0..<nd])
        var syms: [(Int, Int)] = []
        var i = 0
        while i < all.count {
            let l = all[i]
            var run = 1
            while i + run < all.count && all[i + run] == l { run += 1 }
            i += run
            if l == 0 {
                while run >= 11 {
                    let r = min(run, 138)
                    syms.append((18, r - 11))
                    run -= r
                }
                if run >= 3 {
                    syms.append((17, run - 3))
                    run = 0
                }
                for _ in 0..<run { syms.append((0, 0)) }
            } else {
                syms.append((Int(l), 0))
                run -= 1
                while run >= 3 {
                    let r = min(run, 6)
                    syms.append((16, r - 3))
                    run -= r
                }
                for _ in 0..<run { syms.append((Int(l), 0)) }
            }
        }
        symbols = syms
        var freq = [Int](repeating: 0, count: 19)
        for (s, _) in syms { freq[s] += 1 }
        clLengths = DeflateTables.codeLengths(freq, limit: 7)
        var ncl = 19
        while ncl > 4 && clLengths[DeflateTables.codeLengthOrder[ncl - 1]] == 0 { ncl -= 1 }
        numCodeLengths = ncl
    }

    private static let extraBits = [16: 2, 17: 3, 18: 7]

    /// Size of the header after the 3 block-type bits.
    var bitCount: Int {
        var bits = 14 + 3 * numCodeLengths
        for (s, _) in symbols { bits += Int(clLengths[s]) + (DynamicHeader.extraBits[s] ?? 0) }
        return bits
    }

    func write(_ w: inout BitWriter) {
        w.write(numLit - 257, 5)
        w.write(numDist - 1, 5)
        w.write(numCodeLengths - 4, 4)
        for i in 0..<numCodeLengths { w.write(Int(clLengths[DeflateTables.codeLengthOrder[i]]), 3) }
        let codes = DeflateTables.canonicalCodes(clLengths)
        for (s, extra) in symbols {
            w.write(Int(codes[s]), Int(clLengths[s]))
            if let n = DynamicHeader.extraBits[s] { w.write(extra, n) }
        }
    }
}
