/// xxHash64 (seed 0 unless given), the digest of `.hash("xxhash64")`.
enum XXHash64 {
    private static let p1: UInt64 = 0x9e37_79b1_85eb_ca87
    private static let p2: UInt64 = 0xc2b2_ae3d_27d4_eb4f
    private static let p3: UInt64 = 0x1656_67b1_9e37_79f9
    private static let p4: UInt64 = 0x85eb_ca77_c2b2_ae63
    private static let p5: UInt64 = 0x27d4_eb2f_1656_67c5

    @inline(__always) private static func round(_ acc: UInt64, _ input: UInt64) -> UInt64 {
        rotl64(acc &+ input &* p2, 31) &* p1
    }

    @inline(__always) private static func merge(_ acc: UInt64, _ val: UInt64) -> UInt64 {
        (acc ^ round(0, val)) &* p1 &+ p4
    }

    static func hash(_ bytes: [UInt8], seed: UInt64 = 0) -> UInt64 {
        bytes.withUnsafeBytes { buf -> UInt64 in
            let n = buf.count
            var i = 0
            var h: UInt64
            if n >= 32, let p = buf.baseAddress {
                var v1 = seed &+ p1 &+ p2, v2 = seed &+ p2, v3 = seed, v4 = seed &- p1
                while i + 32 <= n {
                    v1 = round(v1, UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
                    v2 = round(v2, UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)))
                    v3 = round(v3, UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)))
                    v4 = round(v4, UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)))
                    i += 32
                }
                h = rotl64(v1, 1) &+ rotl64(v2, 7) &+ rotl64(v3, 12) &+ rotl64(v4, 18)
                h = merge(h, v1)
                h = merge(h, v2)
                h = merge(h, v3)
                h = merge(h, v4)
            } else {
                h = seed &+ p5
            }
            h &+= UInt64(n)
            guard let p = buf.baseAddress else { return avalanche(h) }
            while i + 8 <= n {
                h ^= round(0, UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
                h = rotl64(h, 27) &* p1 &+ p4
                i += 8
            }
            if i + 4 <= n {
                h ^= UInt64(UInt32(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt32.self))) &* p1
                h = rotl64(h, 23) &* p2 &+ p3
                i += 4
            }
            while i < n {
                h ^= UInt64(buf[i]) &* p5
                h = rotl64(h, 11) &* p1
                i += 1
            }
            return avalanche(h)
        }
    }

    @inline(__always) private static func avalanche(_ x: UInt64) -> UInt64 {
        var h = x
        h ^= h >> 33
        h &*= p2
        h ^= h >> 29
        h &*= p3
        h ^= h >> 32
        return h
    }
}

/// xxHash32 (seed 0), the checksum of LZ4 frames.
enum XXHash32 {
    private static let p1: UInt32 = 0x9e37_79b1
    private static let p2: UInt32 = 0x85eb_ca77
    private static let p3: UInt32 = 0xc2b2_ae3d
    private static let p4: UInt32 = 0x27d4_eb2f
    private static let p5: UInt32 = 0x1656_67b1

    @inline(__always) private static func round(_ acc: UInt32, _ input: UInt32) -> UInt32 {
        rotl32(acc &+ input &* p2, 13) &* p1
    }

    static func hash(_ buf: UnsafeRawBufferPointer, seed: UInt32 = 0) -> UInt32 {
        let n = buf.count
        var i = 0
        var h: UInt32
        guard let p = buf.baseAddress else { return avalanche(seed &+ p5) }
        if n >= 16 {
            var v1 = seed &+ p1 &+ p2, v2 = seed &+ p2, v3 = seed, v4 = seed &- p1
            while i + 16 <= n {
                v1 = round(v1, UInt32(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt32.self)))
                v2 = round(v2, UInt32(littleEndian: p.loadUnaligned(fromByteOffset: i + 4, as: UInt32.self)))
                v3 = round(v3, UInt32(littleEndian: p.loadUnaligned(fromByteOffset: i + 8, as: UInt32.self)))
                v4 = round(v4, UInt32(littleEndian: p.loadUnaligned(fromByteOffset: i + 12, as: UInt32.self)))
                i += 16
            }
            h = rotl32(v1, 1) &+ rotl32(v2, 7) &+ rotl32(v3, 12) &+ rotl32(v4, 18)
        } else {
            h = seed &+ p5
        }
        h &+= UInt32(truncatingIfNeeded: n)
        while i + 4 <= n {
            h &+= UInt32(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt32.self)) &* p3
            h = rotl32(h, 17) &* p4
            i += 4
        }
        while i < n {
            h &+= UInt32(buf[i]) &* p5
            h = rotl32(h, 11) &* p1
            i += 1
        }
        return avalanche(h)
    }

    static func hash(_ bytes: [UInt8]) -> UInt32 { bytes.withUnsafeBytes { hash($0) } }

    @inline(__always) private static func avalanche(_ x: UInt32) -> UInt32 {
        var h = x
        h ^= h >> 15
        h &*= p2
        h ^= h >> 13
        h &*= p3
        h ^= h >> 16
        return h
    }
}

/// FNV-1 32-bit (multiply, then xor), as Go's `hash/fnv.New32`.
enum FNV1 {
    static func hash32(_ bytes: [UInt8]) -> UInt32 {
        var h: UInt32 = 2_166_136_261
        for b in bytes {
            h &*= 16_777_619
            h ^= UInt32(b)
        }
        return h
    }
}
