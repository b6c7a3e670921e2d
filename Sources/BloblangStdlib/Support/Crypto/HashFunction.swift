/// A hash that consumes bytes incrementally and produces a fixed-size digest.
///
/// Every algorithm behind `.hash()` conforms, so that HMAC can wrap any of them.
protocol HashFunction {
    /// The size in bytes of the blocks the algorithm consumes (HMAC pads keys to it).
    static var blockSize: Int { get }
    init()
    mutating func update(_ bytes: UnsafeRawBufferPointer)
    /// Returns the digest. The value must not be updated afterwards.
    mutating func finalize() -> [UInt8]
}

extension HashFunction {
    mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The digest of `bytes` in one call.
    static func hash(_ bytes: [UInt8]) -> [UInt8] {
        var h = Self()
        h.update(bytes)
        return h.finalize()
    }
}

/// The compression function of a Merkle–Damgård hash (MD5, SHA-1, SHA-2): it folds one block
/// into the state. `MerkleDamgard` supplies buffering and length padding around it.
protocol BlockCompressor {
    static var blockSize: Int { get }
    /// 8 for the 64-bit message length of MD5/SHA-1/SHA-256, 16 for SHA-512.
    static var lengthFieldSize: Int { get }
    /// MD5 stores the length (and its words) little-endian, the SHA family big-endian.
    static var isBigEndian: Bool { get }
    init()
    mutating func compress(_ block: UnsafeRawPointer)
    /// The state serialised as the digest.
    func digest() -> [UInt8]
}

/// Buffering and padding shared by the Merkle–Damgård hashes.
struct MerkleDamgard<Core: BlockCompressor>: HashFunction {
    static var blockSize: Int { Core.blockSize }

    private var core = Core()
    private var buffer = [UInt8](repeating: 0, count: Core.blockSize)
    private var buffered = 0
    private var totalBytes: UInt64 = 0

    init() {}

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard var p = bytes.baseAddress, bytes.count > 0 else { return }
        var n = bytes.count
        totalBytes &+= UInt64(n)
        let bs = Core.blockSize
        if buffered > 0 {
            let take = min(bs - buffered, n)
            buffer.withUnsafeMutableBytes { b in
                (b.baseAddress! + buffered).copyMemory(from: p, byteCount: take)
            }
            buffered += take
            p += take
            n -= take
            if buffered == bs {
                buffer.withUnsafeBytes { b in core.compress(b.baseAddress!) }
                buffered = 0
            }
        }
        while n >= bs {
            core.compress(p)
            p += bs
            n -= bs
        }
        if n > 0 {
            buffer.withUnsafeMutableBytes { b in b.baseAddress!.copyMemory(from: p, byteCount: n) }
            buffered = n
        }
    }

    mutating func finalize() -> [UInt8] {
        let bs = Core.blockSize
        let bitLength = totalBytes &* 8
        var tail: [UInt8] = [0x80]
        let padTo = (buffered + 1 + Core.lengthFieldSize <= bs) ? bs : 2 * bs
        tail += [UInt8](repeating: 0, count: padTo - buffered - 1 - 8)
        for i in 0..<8 {
            let shift = Core.isBigEndian ? (7 - i) * 8 : i * 8
            tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
        }
        tail.withUnsafeBytes { update($0) }
        return core.digest()
    }
}

@inline(__always) func rotl32(_ x: UInt32, _ n: UInt32) -> UInt32 { (x << n) | (x >> (32 &- n)) }
@inline(__always) func rotr32(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 &- n)) }
@inline(__always) func rotr64(_ x: UInt64, _ n: UInt64) -> UInt64 { (x >> n) | (x << (64 &- n)) }
@inline(__always) func rotl64(_ x: UInt64, _ n: UInt64) -> UInt64 { (x << n) | (x >> (64 &- n)) }

extension Array where Element == UInt8 {
    /// Appends `value` in big-endian byte order.
    mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        var v = value.bigEndian
        Swift.withUnsafeBytes(of: &v) { append(contentsOf: $0) }
    }

    /// Appends `value` in little-endian byte order.
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        var v = value.littleEndian
        Swift.withUnsafeBytes(of: &v) { append(contentsOf: $0) }
    }
}
