/// Hash-chain LZ77 match finding over a 32 KiB window, shared by the DEFLATE and
/// Zstandard encoders.
struct LZ77Matcher {
    static let windowSize = 32768
    static let hashBits = 15
    var head = [Int32](repeating: -1, count: 1 << hashBits)
    var prev = [Int32](repeating: -1, count: windowSize)
    let maxChain: Int
    let niceLength: Int
    let lazy: Bool
    let lazyLimit: Int

    init(level: Int) {
        let chains = [0, 4, 8, 16, 32, 64, 128, 256, 1024, 4096]
        maxChain = chains[level]
        niceLength = level >= 8 ? 258 : (level >= 5 ? 128 : 32)
        lazy = level >= 4
        lazyLimit = level >= 8 ? 258 : (level >= 6 ? 32 : 16)
    }

    @inline(__always) static func hash(_ src: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let v = UnsafeRawPointer(src.baseAddress! + i).loadUnaligned(as: UInt32.self)
        return Int((v &* 2_654_435_761) >> UInt32(32 - hashBits))
    }

    @inline(__always) mutating func insert(_ src: UnsafeBufferPointer<UInt8>, _ i: Int) {
        guard i + 4 <= src.count else { return }
        let h = LZ77Matcher.hash(src, i)
        prev[i & (LZ77Matcher.windowSize - 1)] = head[h]
        head[h] = Int32(i)
    }

    /// The longest earlier match at `i` (length 0 when none of at least 4 bytes).
    func find(_ src: UnsafeBufferPointer<UInt8>, _ i: Int, maxLength: Int) -> (length: Int, distance: Int) {
        guard maxLength >= 4, i + 4 <= src.count else { return (0, 0) }
        var candidate = Int(head[LZ77Matcher.hash(src, i)])
        var best = 0, bestDistance = 0
        var chain = maxChain
        let base = src.baseAddress!
        while candidate >= 0 && chain > 0 {
            let distance = i - candidate
            if distance <= 0 || distance > LZ77Matcher.windowSize { break }
            if base[candidate + best] == base[i + best] {
                var l = 0
                while l + 8 <= maxLength {
                    let a = UnsafeRawPointer(base + candidate + l).loadUnaligned(as: UInt64.self)
                    let b = UnsafeRawPointer(base + i + l).loadUnaligned(as: UInt64.self)
                    if a != b {
                        l += (a ^ b).trailingZeroBitCount >> 3
                        break
                    }
                    l += 8
                }
                if l + 8 > maxLength {
                    while l < maxLength && base[candidate + l] == base[i + l] { l += 1 }
                }
                l = min(l, maxLength)
                if l > best {
                    best = l
                    bestDistance = distance
                    if l >= niceLength || l == maxLength { break }
                }
            }
            let next = Int(prev[candidate & (LZ77Matcher.windowSize - 1)])
            if next >= candidate { break }
            candidate = next
            chain -= 1
        }
        return best >= 4 ? (best, bestDistance) : (0, 0)
    }
}
