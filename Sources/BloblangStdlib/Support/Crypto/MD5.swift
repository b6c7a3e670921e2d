/// MD5 (RFC 1321). Broken for security; kept because `.hash("md5")` exposes it.
typealias MD5 = MerkleDamgard<MD5Core>

struct MD5Core: BlockCompressor {
    static let blockSize = 64
    static let lengthFieldSize = 8
    static let isBigEndian = false

    // floor(|sin(i + 1)| * 2^32), per the RFC.
    static let md5K: [UInt32] = [
        0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
        0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
        0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
        0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
        0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
        0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
        0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
        0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
    ]
    static let shifts: [UInt32] = [
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
        5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
        4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
        6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
    ]

    private var s0: UInt32 = 0x6745_2301
    private var s1: UInt32 = 0xefcd_ab89
    private var s2: UInt32 = 0x98ba_dcfe
    private var s3: UInt32 = 0x1032_5476

    init() {}

    mutating func compress(_ block: UnsafeRawPointer) {
        var m = (UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0),
                 UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0))
        withUnsafeMutableBytes(of: &m) { w in
            w.copyMemory(from: UnsafeRawBufferPointer(start: block, count: 64))
        }
        var a = s0, b = s1, c = s2, d = s3
        withUnsafeBytes(of: &m) { raw in
            let words = raw.bindMemory(to: UInt32.self)
            MD5Core.md5K.withUnsafeBufferPointer { k in
                MD5Core.shifts.withUnsafeBufferPointer { s in
                    for i in 0..<64 {
                        var f: UInt32
                        let g: Int
                        switch i >> 4 {
                        case 0:
                            f = (b & c) | (~b & d)
                            g = i
                        case 1:
                            f = (d & b) | (~d & c)
                            g = (5 &* i &+ 1) & 15
                        case 2:
                            f = b ^ c ^ d
                            g = (3 &* i &+ 5) & 15
                        default:
                            f = c ^ (b | ~d)
                            g = (7 &* i) & 15
                        }
                        f = f &+ a &+ k[i] &+ UInt32(littleEndian: words[g])
                        a = d
                        d = c
                        c = b
                        b = b &+ rotl32(f, s[i])
                    }
                }
            }
        }
        s0 &+= a
        s1 &+= b
        s2 &+= c
        s3 &+= d
    }

    func digest() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(16)
        for v in [s0, s1, s2, s3] { out.appendLittleEndian(v) }
        return out
    }
}
