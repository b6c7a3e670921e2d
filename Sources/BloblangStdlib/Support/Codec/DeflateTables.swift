/// The fixed parts of DEFLATE (RFC 1951): length and distance code bases, and Huffman code
/// construction shared by the encoder and the decoder.
enum DeflateTables {
    /// Base match length of length codes 257...285.
    static let lengthBase: [Int] = {
        var base: [Int] = []
        var b = 3
        for i in 0..<28 {
            base.append(b)
            b += 1 << lengthExtra[i]
        }
        base.append(258)
        return base
    }()

    /// Extra bits of length codes 257...285.
    static let lengthExtra: [Int] = (0..<29).map { i in i == 28 ? 0 : (i < 8 ? 0 : (i - 4) / 4) }

    /// Base distance of distance codes 0...29.
    static let distanceBase: [Int] = {
        var base: [Int] = []
        var b = 1
        for i in 0..<30 {
            base.append(b)
            b += 1 << distanceExtra[i]
        }
        return base
    }()

    /// Extra bits of distance codes 0...29.
    static let distanceExtra: [Int] = (0..<30).map { i in i < 4 ? 0 : (i - 2) / 2 }

    /// Length code index (0...28) for each match length 3...258.
    static let lengthCodeOf: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 256)
        var code = 0
        for l in 3...258 {
            while code < 28 && l >= lengthBase[code + 1] { code += 1 }
            t[l - 3] = UInt8(code)
        }
        return t
    }()

    /// Distance code (0...29) for a distance 1...32768.
    @inline(__always) static func distanceCode(_ distance: Int) -> Int {
        let d = distance - 1
        if d < 4 { return d }
        let nb = (Int.bitWidth - 1) - d.leadingZeroBitCount  // floor(log2 d)
        return 2 * nb + ((d >> (nb - 1)) & 1)
    }

    /// The order in which code length code lengths are stored in a dynamic header.
    static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// Code lengths of the fixed literal/length code.
    static let fixedLiteralLengths: [UInt8] = (0..<288).map { i in
        i < 144 ? 8 : (i < 256 ? 9 : (i < 280 ? 7 : 8))
    }

    /// Reverses the low `count` bits of `code` (DEFLATE sends Huffman codes most significant
    /// bit first into a least-significant-bit-first stream).
    @inline(__always) static func reversed(_ code: Int, _ count: Int) -> Int {
        var r = 0
        var c = code
        for _ in 0..<count {
            r = (r << 1) | (c & 1)
            c >>= 1
        }
        return r
    }

    /// Canonical codes (already bit-reversed) for the given lengths.
    static func canonicalCodes(_ lengths: [UInt8]) -> [UInt16] {
        var count = [Int](repeating: 0, count: 16)
        for l in lengths where l > 0 { count[Int(l)] += 1 }
        var next = [Int](repeating: 0, count: 16)
        var code = 0
        for bits in 1..<16 {
            code = (code + count[bits - 1]) << 1
            next[bits] = code
        }
        var codes = [UInt16](repeating: 0, count: lengths.count)
        for (sym, l) in lengths.enumerated() where l > 0 {
            codes[sym] = UInt16(reversed(next[Int(l)], Int(l)))
            next[Int(l)] += 1
        }
        return codes
    }

    /// Length-limited Huffman code lengths for `freqs`: an optimal tree, flattened to `limit`
    /// bits when needed, with the shortest codes going to the most frequent symbols.
    static func codeLengths(_ freqs: [Int], limit: Int) -> [UInt8] {
        var lengths = [UInt8](repeating: 0, count: freqs.count)
        var used: [(freq: Int, sym: Int)] = []
        for (s, f) in freqs.enumerated() where f > 0 { used.append((f, s)) }
        if used.count <= 2 {
            for u in used { lengths[u.sym] = 1 }
            return lengths
        }
        used.sort { $0.freq != $1.freq ? $0.freq < $1.freq : $0.sym < $1.sym }
        let n = used.count
        // Two-queue Huffman construction: leaves 0..<n in order, internal nodes n..<2n-1.
        var weight = used.map(\.freq) + [Int](repeating: 0, count: n - 1)
        var parent = [Int](repeating: 0, count: 2 * n - 1)
        var leaf = 0, node = n
        func takeSmallest(_ next: Int) -> Int {
            if leaf < n && (node >= next || weight[leaf] <= weight[node]) {
                leaf += 1
                return leaf - 1
            }
            node += 1
            return node - 1
        }
        for next in n..<(2 * n - 1) {
            let a = takeSmallest(next)
            let b = takeSmallest(next)
            weight[next] = weight[a] + weight[b]
            parent[a] = next
            parent[b] = next
        }
        var depth = [Int](repeating: 0, count: 2 * n - 1)
        for i in stride(from: 2 * n - 3, through: 0, by: -1) { depth[i] = depth[parent[i]] + 1 }
        var perLength = [Int](repeating: 0, count: max(limit, 1) + n + 1)
        var maxDepth = 0
        for i in 0..<n {
            perLength[depth[i]] += 1
            maxDepth = max(maxDepth, depth[i])
        }
        if maxDepth > limit {
            for l in (limit + 1)...maxDepth {
                perLength[limit] += perLength[l]
                perLength[l] = 0
            }
            var total = 0
            for l in 1...limit { total += perLength[l] << (limit - l) }
            while total > (1 << limit) {
                perLength[limit] -= 1
                for l in stride(from: limit - 1, through: 1, by: -1) where perLength[l] > 0 {
                    perLength[l] -= 1
                    perLength[l + 1] += 2
                    break
                }
                total -= 1
            }
        }
        // Most frequent symbols (end of `used`) take the shortest lengths.
        var idx = n - 1
        for l in 1...max(limit, maxDepth) {
            var c = l < perLength.count ? perLength[l] : 0
            while c > 0 && idx >= 0 {
                lengths[used[idx].sym] = UInt8(l)
                idx -= 1
                c -= 1
            }
        }
        return lengths
    }
}

/// Collects bits least significant first, as DEFLATE packs them.
struct BitWriter {
    var bytes: [UInt8] = []
    private var acc: UInt64 = 0
    private var count = 0

    @inline(__always) mutating func write(_ bits: Int, _ n: Int) {
        acc |= UInt64(truncatingIfNeeded: bits) << UInt64(count)
        count += n
        while count >= 8 {
            bytes.append(UInt8(truncatingIfNeeded: acc))
            acc >>= 8
            count -= 8
        }
    }

    /// Pads with zero bits to the next byte boundary.
    mutating func align() {
        if count > 0 {
            bytes.append(UInt8(truncatingIfNeeded: acc))
            acc = 0
            count = 0
        }
    }
}

extension Array where Element == UInt8 {
    /// Appends `length` bytes copied from `distance` bytes back (LZ77), overlapping allowed.
    /// The caller has checked `0 < distance <= count`.
    @inline(__always) mutating func appendBackReference(distance: Int, length: Int) {
        let start = count
        let from = start - distance
        append(contentsOf: repeatElement(0, count: length))
        withUnsafeMutableBufferPointer { p in
            guard let base = p.baseAddress else { return }
            if distance >= length {
                (base + start).update(from: base + from, count: length)
            } else {
                for k in 0..<length { base[start + k] = base[from + k] }
            }
        }
    }
}
