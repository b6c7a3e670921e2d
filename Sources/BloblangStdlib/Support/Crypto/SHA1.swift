/// SHA-1 (FIPS 180-4). Broken for collision resistance; kept because `.hash("sha1")`,
/// HMAC-SHA1 and UUID v5 use it.
typealias SHA1 = MerkleDamgard<SHA1Core>

struct SHA1Core: BlockCompressor {
    static let blockSize = 64
    static let lengthFieldSize = 8
    static let isBigEndian = true

    private var h0: UInt32 = 0x6745_2301
    private var h1: UInt32 = 0xefcd_ab89
    private var h2: UInt32 = 0x98ba_dcfe
    private var h3: UInt32 = 0x1032_5476
    private var h4: UInt32 = 0xc3d2_e1f0

    init() {}

    mutating func compress(_ block: UnsafeRawPointer) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 80) { w in
            for i in 0..<16 {
                w[i] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self))
            }
            for i in 16..<80 {
                w[i] = rotl32(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1)
            }
            var a = h0, b = h1, c = h2, d = h3, e = h4
            for i in 0..<80 {
                let f: UInt32
                let k: UInt32
                switch i {
                case 0..<20:
                    f = (b & c) | (~b & d)
                    k = 0x5a82_7999
                case 20..<40:
                    f = b ^ c ^ d
                    k = 0x6ed9_eba1
                case 40..<60:
                    f = (b & c) | (b & d) | (c & d)
                    k = 0x8f1b_bcdc
                default:
                    f = b ^ c ^ d
                    k = 0xca62_c1d6
                }
                let t = rotl32(a, 5) &+ f &+ e &+ k &+ w[i]
                e = d
                d = c
                c = rotl32(b, 30)
                b = a
                a = t
            }
            h0 &+= a
            h1 &+= b
            h2 &+= c
            h3 &+= d
            h4 &+= e
        }
    }

    func digest() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(20)
        for v in [h0, h1, h2, h3, h4] { out.appendBigEndian(v) }
        return out
    }
}
