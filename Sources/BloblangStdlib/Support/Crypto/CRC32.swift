/// CRC-32 over a reflected polynomial, computed eight bytes at a time ("slicing-by-8").
struct CRC32: Sendable {
    /// The IEEE 802.3 polynomial (zip, gzip, PNG).
    static let ieee = CRC32(reflectedPolynomial: 0xedb8_8320)
    /// The Castagnoli polynomial (iSCSI, ext4).
    static let castagnoli = CRC32(reflectedPolynomial: 0x82f6_3b78)
    /// Koopman's polynomial.
    static let koopman = CRC32(reflectedPolynomial: 0xeb31_d82e)

    /// Eight 256-entry tables, one after another.
    private let tables: [UInt32]

    init(reflectedPolynomial poly: UInt32) {
        var t = [UInt32](repeating: 0, count: 256 * 8)
        for i in 0..<256 {
            var c = UInt32(i)
            for _ in 0..<8 { c = (c & 1) != 0 ? (c >> 1) ^ poly : c >> 1 }
            t[i] = c
        }
        for i in 0..<256 {
            var c = t[i]
            for k in 1..<8 {
                c = t[Int(c & 0xff)] ^ (c >> 8)
                t[k * 256 + i] = c
            }
        }
        tables = t
    }

    /// Continues a checksum (start from 0) over `bytes`.
    func update(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var c = ~crc
        guard let base = bytes.baseAddress else { return crc }
        var p = base
        var n = bytes.count
        tables.withUnsafeBufferPointer { t in
            while n >= 8 {
                let lo = UInt32(littleEndian: p.loadUnaligned(as: UInt32.self)) ^ c
                let hi = UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
                c = t[7 * 256 + Int(lo & 0xff)] ^ t[6 * 256 + Int((lo >> 8) & 0xff)]
                    ^ t[5 * 256 + Int((lo >> 16) & 0xff)] ^ t[4 * 256 + Int(lo >> 24)]
                    ^ t[3 * 256 + Int(hi & 0xff)] ^ t[2 * 256 + Int((hi >> 8) & 0xff)]
                    ^ t[1 * 256 + Int((hi >> 16) & 0xff)] ^ t[Int(hi >> 24)]
                p += 8
                n -= 8
            }
            while n > 0 {
                c = t[Int((c ^ UInt32(p.load(as: UInt8.self))) & 0xff)] ^ (c >> 8)
                p += 1
                n -= 1
            }
        }
        return ~c
    }

    func update(_ crc: UInt32, _ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { update(crc, $0) }
    }

    /// The checksum of `bytes`.
    func checksum(_ bytes: [UInt8]) -> UInt32 { update(0, bytes) }
}

/// Adler-32 (RFC 1950), the zlib trailer checksum.
enum Adler32 {
    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        var i = 0
        let n = bytes.count
        bytes.withUnsafeBufferPointer { p in
            while i < n {
                // 5552 is the largest run that cannot overflow 32 bits before the modulo.
                let end = min(i + 5552, n)
                while i < end {
                    a &+= UInt32(p[i])
                    b &+= a
                    i += 1
                }
                a %= 65521
                b %= 65521
            }
        }
        return (b << 16) | a
    }
}
