/// The AES block cipher (FIPS 197) with 128, 192 or 256-bit keys, table-driven.
///
/// Tables are derived at first use from the GF(2^8) arithmetic, not typed in.
struct AES: Sendable {
    static let blockSize = 16

    /// Thrown for a key of the wrong length, with Go's wording.
    struct KeySizeError: Error, CustomStringConvertible {
        let size: Int
        var description: String { "crypto/aes: invalid key size \(size)" }
    }

    private let encKeys: [UInt32]
    private let decKeys: [UInt32]
    private let rounds: Int

    init(key: [UInt8]) throws(KeySizeError) {
        guard key.count == 16 || key.count == 24 || key.count == 32 else { throw KeySizeError(size: key.count) }
        let nk = key.count / 4
        rounds = nk + 6
        let total = 4 * (rounds + 1)
        let t = AESTables.shared
        var w = [UInt32](repeating: 0, count: total)
        for i in 0..<nk {
            w[i] = UInt32(key[4 * i]) << 24 | UInt32(key[4 * i + 1]) << 16 | UInt32(key[4 * i + 2]) << 8
                | UInt32(key[4 * i + 3])
        }
        var rcon: UInt32 = 1
        for i in nk..<total {
            var temp = w[i - 1]
            if i % nk == 0 {
                temp = t.subWord(rotl32(temp, 8)) ^ (rcon << 24)
                rcon = UInt32(AESTables.xtime(UInt8(rcon)))
            } else if nk > 6 && i % nk == 4 {
                temp = t.subWord(temp)
            }
            w[i] = w[i - nk] ^ temp
        }
        encKeys = w
        // The equivalent inverse cipher: reversed round keys, with InvMixColumns applied to
        // all but the first and last.
        var d = [UInt32](repeating: 0, count: total)
        for r in 0...rounds {
            for c in 0..<4 {
                let k = w[4 * (rounds - r) + c]
                if r == 0 || r == rounds {
                    d[4 * r + c] = k
                } else {
                    d[4 * r + c] = t.td0[Int(t.sbox[Int(k >> 24)])] ^ t.td1[Int(t.sbox[Int((k >> 16) & 0xff)])]
                        ^ t.td2[Int(t.sbox[Int((k >> 8) & 0xff)])] ^ t.td3[Int(t.sbox[Int(k & 0xff)])]
                }
            }
        }
        decKeys = d
    }

    /// Encrypts the 16 bytes at `src` into `dst` (which may alias `src`).
    func encrypt(_ src: UnsafeRawPointer, _ dst: UnsafeMutableRawPointer) {
        let t = AESTables.shared
        encKeys.withUnsafeBufferPointer { k in
            var s0 = src.loadBE32(0) ^ k[0]
            var s1 = src.loadBE32(4) ^ k[1]
            var s2 = src.loadBE32(8) ^ k[2]
            var s3 = src.loadBE32(12) ^ k[3]
            var ki = 4
            for _ in 1..<rounds {
                let t0 = t.te0[Int(s0 >> 24)] ^ t.te1[Int((s1 >> 16) & 0xff)] ^ t.te2[Int((s2 >> 8) & 0xff)]
                    ^ t.te3[Int(s3 & 0xff)] ^ k[ki]
                let t1 = t.te0[Int(s1 >> 24)] ^ t.te1[Int((s2 >> 16) & 0xff)] ^ t.te2[Int((s3 >> 8) & 0xff)]
                    ^ t.te3[Int(s0 & 0xff)] ^ k[ki + 1]
                let t2 = t.te0[Int(s2 >> 24)] ^ t.te1[Int((s3 >> 16) & 0xff)] ^ t.te2[Int((s0 >> 8) & 0xff)]
                    ^ t.te3[Int(s1 & 0xff)] ^ k[ki + 2]
                let t3 = t.te0[Int(s3 >> 24)] ^ t.te1[Int((s0 >> 16) & 0xff)] ^ t.te2[Int((s1 >> 8) & 0xff)]
                    ^ t.te3[Int(s2 & 0xff)] ^ k[ki + 3]
                (s0, s1, s2, s3) = (t0, t1, t2, t3)
                ki += 4
            }
            let sb = t.sbox
            func last(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: UInt32) -> UInt32 {
                UInt32(sb[Int(a >> 24)]) << 24 | UInt32(sb[Int((b >> 16) & 0xff)]) << 16
                    | UInt32(sb[Int((c >> 8) & 0xff)]) << 8 | UInt32(sb[Int(d & 0xff)])
            }
            dst.storeBE32(0, last(s0, s1, s2, s3) ^ k[ki])
            dst.storeBE32(4, last(s1, s2, s3, s0) ^ k[ki + 1])
            dst.storeBE32(8, last(s2, s3, s0, s1) ^ k[ki + 2])
            dst.storeBE32(12, last(s3, s0, s1, s2) ^ k[ki + 3])
        }
    }

    /// Decrypts the 16 bytes at `src` into `dst` (which may alias `src`).
    func decrypt(_ src: UnsafeRawPointer, _ dst: UnsafeMutableRawPointer) {
        let t = AESTables.shared
        decKeys.withUnsafeBufferPointer { k in
            var s0 = src.loadBE32(0) ^ k[0]
            var s1 = src.loadBE32(4) ^ k[1]
            var s2 = src.loadBE32(8) ^ k[2]
            var s3 = src.loadBE32(12) ^ k[3]
            var ki = 4
            for _ in 1..<rounds {
                let t0 = t.td0[Int(s0 >> 24)] ^ t.td1[Int((s3 >> 16) & 0xff)] ^ t.td2[Int((s2 >> 8) & 0xff)]
                    ^ t.td3[Int(s1 & 0xff)] ^ k[ki]
                let t1 = t.td0[Int(s1 >> 24)] ^ t.td1[Int((s0 >> 16) & 0xff)] ^ t.td2[Int((s3 >> 8) & 0xff)]
                    ^ t.td3[Int(s2 & 0xff)] ^ k[ki + 1]
                let t2 = t.td0[Int(s2 >> 24)] ^ t.td1[Int((s1 >> 16) & 0xff)] ^ t.td2[Int((s0 >> 8) & 0xff)]
                    ^ t.td3[Int(s3 & 0xff)] ^ k[ki + 2]
                let t3 = t.td0[Int(s3 >> 24)] ^ t.td1[Int((s2 >> 16) & 0xff)] ^ t.td2[Int((s1 >> 8) & 0xff)]
                    ^ t.td3[Int(s0 & 0xff)] ^ k[ki + 3]
                (s0, s1, s2, s3) = (t0, t1, t2, t3)
                ki += 4
            }
            let ib = t.inverseSbox
            func last(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: UInt32) -> UInt32 {
                UInt32(ib[Int(a >> 24)]) << 24 | UInt32(ib[Int((b >> 16) & 0xff)]) << 16
                    | UInt32(ib[Int((c >> 8) & 0xff)]) << 8 | UInt32(ib[Int(d & 0xff)])
            }
            dst.storeBE32(0, last(s0, s3, s2, s1) ^ k[ki])
            dst.storeBE32(4, last(s1, s0, s3, s2) ^ k[ki + 1])
            dst.storeBE32(8, last(s2, s1, s0, s3) ^ k[ki + 2])
            dst.storeBE32(12, last(s3, s2, s1, s0) ^ k[ki + 3])
        }
    }

    /// Encrypts one block held in an array.
    func encryptBlock(_ block: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 16)
        block.withUnsafeBytes { s in out.withUnsafeMutableBytes { d in encrypt(s.baseAddress!, d.baseAddress!) } }
        return out
    }
}

/// The S-boxes and round tables, computed once.
final class AESTables: Sendable {
    static let shared = AESTables()

    let sbox: [UInt8]
    let inverseSbox: [UInt8]
    let te0: [UInt32], te1: [UInt32], te2: [UInt32], te3: [UInt32]
    let td0: [UInt32], td1: [UInt32], td2: [UInt32], td3: [UInt32]

    static func xtime(_ x: UInt8) -> UInt8 { (x << 1) ^ ((x & 0x80) != 0 ? 0x1b : 0) }

    static func mul(_ a: UInt8, _ b: UInt8) -> UInt8 {
        var a = a, b = b, r: UInt8 = 0
        while b != 0 {
            if b & 1 != 0 { r ^= a }
            a = xtime(a)
            b >>= 1
        }
        return r
    }

    private init() {
        // Walk the multiplicative group with generator 3 to get inverses, then apply the
        // affine transform of FIPS 197 §5.1.1.
        var sb = [UInt8](repeating: 0, count: 256)
        var p: UInt8 = 1, q: UInt8 = 1
        repeat {
            p = p ^ (p << 1) ^ ((p & 0x80) != 0 ? 0x1b : 0)  // p *= 3
            q ^= q << 1  // q /= 3
            q ^= q << 2
            q ^= q << 4
            if q & 0x80 != 0 { q ^= 0x09 }
            let x = q ^ (q << 1 | q >> 7) ^ (q << 2 | q >> 6) ^ (q << 3 | q >> 5) ^ (q << 4 | q >> 4)
            sb[Int(p)] = x ^ 0x63
        } while p != 1
        sb[0] = 0x63
        var inv = [UInt8](repeating: 0, count: 256)
        for i in 0..<256 { inv[Int(sb[i])] = UInt8(i) }
        sbox = sb
        inverseSbox = inv
        var e0 = [UInt32](repeating: 0, count: 256), d0 = [UInt32](repeating: 0, count: 256)
        for i in 0..<256 {
            let s = sb[i]
            e0[i] = UInt32(AESTables.mul(s, 2)) << 24 | UInt32(s) << 16 | UInt32(s) << 8 | UInt32(AESTables.mul(s, 3))
            let v = inv[i]
            d0[i] = UInt32(AESTables.mul(v, 14)) << 24 | UInt32(AESTables.mul(v, 9)) << 16
                | UInt32(AESTables.mul(v, 13)) << 8 | UInt32(AESTables.mul(v, 11))
        }
        te0 = e0
        te1 = e0.map { rotr32($0, 8) }
        te2 = e0.map { rotr32($0, 16) }
        te3 = e0.map { rotr32($0, 24) }
        td0 = d0
        td1 = d0.map { rotr32($0, 8) }
        td2 = d0.map { rotr32($0, 16) }
        td3 = d0.map { rotr32($0, 24) }
    }

    func subWord(_ w: UInt32) -> UInt32 {
        UInt32(sbox[Int(w >> 24)]) << 24 | UInt32(sbox[Int((w >> 16) & 0xff)]) << 16
            | UInt32(sbox[Int((w >> 8) & 0xff)]) << 8 | UInt32(sbox[Int(w & 0xff)])
    }
}

extension UnsafeRawPointer {
    @inline(__always) func loadBE32(_ offset: Int) -> UInt32 {
        UInt32(bigEndian: loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }
}

extension UnsafeMutableRawPointer {
    @inline(__always) func loadBE32(_ offset: Int) -> UInt32 {
        UInt32(bigEndian: loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    @inline(__always) func storeBE32(_ offset: Int, _ value: UInt32) {
        storeBytes(of: value.bigEndian, toByteOffset: offset, as: UInt32.self)
    }
}
