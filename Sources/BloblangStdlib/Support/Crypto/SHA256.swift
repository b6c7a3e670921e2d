/// SHA-256 and SHA-224 (FIPS 180-4).
typealias SHA256 = MerkleDamgard<SHA256Core>
typealias SHA224 = MerkleDamgard<SHA224Core>

/// The SHA-256 state and compression function, shared by SHA-224.
struct SHA256State {
    // The first 32 bits of the fractional parts of the cube roots of the first 64 primes.
    static let k256: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    var h: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)

    mutating func compress(_ block: UnsafeRawPointer) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            for i in 0..<16 {
                w[i] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self))
            }
            for i in 16..<64 {
                let x = w[i - 15], y = w[i - 2]
                let s0 = rotr32(x, 7) ^ rotr32(x, 18) ^ (x >> 3)
                let s1 = rotr32(y, 17) ^ rotr32(y, 19) ^ (y >> 10)
                w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
            }
            var (a, b, c, d, e, f, g, hh) = h
            SHA256State.k256.withUnsafeBufferPointer { k in
                for i in 0..<64 {
                    let s1 = rotr32(e, 6) ^ rotr32(e, 11) ^ rotr32(e, 25)
                    let ch = (e & f) ^ (~e & g)
                    let t1 = hh &+ s1 &+ ch &+ k[i] &+ w[i]
                    let s0 = rotr32(a, 2) ^ rotr32(a, 13) ^ rotr32(a, 22)
                    let maj = (a & b) ^ (a & c) ^ (b & c)
                    let t2 = s0 &+ maj
                    hh = g
                    g = f
                    f = e
                    e = d &+ t1
                    d = c
                    c = b
                    b = a
                    a = t1 &+ t2
                }
            }
            h = (h.0 &+ a, h.1 &+ b, h.2 &+ c, h.3 &+ d, h.4 &+ e, h.5 &+ f, h.6 &+ g, h.7 &+ hh)
        }
    }

    func bytes(words: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(words * 4)
        let all = [h.0, h.1, h.2, h.3, h.4, h.5, h.6, h.7]
        for v in all.prefix(words) { out.appendBigEndian(v) }
        return out
    }
}

struct SHA256Core: BlockCompressor {
    static let blockSize = 64
    static let lengthFieldSize = 8
    static let isBigEndian = true
    // The first 32 bits of the fractional parts of the square roots of the first 8 primes.
    private var state = SHA256State(h: (0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a,
                                        0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19))
    init() {}
    mutating func compress(_ block: UnsafeRawPointer) { state.compress(block) }
    func digest() -> [UInt8] { state.bytes(words: 8) }
}

struct SHA224Core: BlockCompressor {
    static let blockSize = 64
    static let lengthFieldSize = 8
    static let isBigEndian = true
    // The low 32 bits of the SHA-384 initial values.
    private var state = SHA256State(h: (0xc105_9ed8, 0x367c_d507, 0x3070_dd17, 0xf70e_5939,
                                        0xffc0_0b31, 0x6858_1511, 0x64f9_8fa7, 0xbefa_4fa4))
    init() {}
    mutating func compress(_ block: UnsafeRawPointer) { state.compress(block) }
    func digest() -> [UInt8] { state.bytes(words: 7) }
}
