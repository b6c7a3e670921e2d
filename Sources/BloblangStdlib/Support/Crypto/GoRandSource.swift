/// Go's `math/rand` source as `rand.New(rand.NewSource(seed))` builds it, so that
/// `random_int` with a seed gives the numbers Benthos gives.
struct GoRandSource: Sendable {
    private static let length = 607
    private static let tapOffset = 273
    private static let int32Max: Int64 = (1 << 31) - 1

    private var vec: [UInt64]
    private var tap = 0
    private var feed = GoRandSource.length - GoRandSource.tapOffset

    /// One step of the Lehmer generator x = 48271 * x mod (2^31 - 1) used for seeding.
    private static func seedStep(_ x: Int32) -> Int32 {
        let hi = x / 44488, lo = x % 44488
        var r = 48271 &* lo &- 3399 &* hi
        if r < 0 { r &+= Int32(int32Max) }
        return r
    }

    init(seed: Int64) {
        var s = seed % GoRandSource.int32Max
        if s < 0 { s += GoRandSource.int32Max }
        if s == 0 { s = 89_482_311 }
        var x = Int32(s)
        var v = [UInt64](repeating: 0, count: GoRandSource.length)
        for i in -20..<GoRandSource.length {
            x = GoRandSource.seedStep(x)
            if i >= 0 {
                var u = Int64(x) << 40
                x = GoRandSource.seedStep(x)
                u ^= Int64(x) << 20
                x = GoRandSource.seedStep(x)
                u ^= Int64(x)
                v[i] = UInt64(bitPattern: u) ^ GoRandTable.cooked[i]
            }
        }
        vec = v
    }

    mutating func uint64() -> UInt64 {
        tap -= 1
        if tap < 0 { tap += GoRandSource.length }
        feed -= 1
        if feed < 0 { feed += GoRandSource.length }
        let x = vec[feed] &+ vec[tap]
        vec[feed] = x
        return x
    }

    /// A non-negative 63-bit number (`Int63`).
    mutating func int63() -> Int64 { Int64(bitPattern: uint64() & 0x7fff_ffff_ffff_ffff) }

    /// A number in `0..<n`, `n > 0`, drawn as `Rand.Int63n` draws it (rejection, then modulo).
    mutating func int63n(_ n: Int64) -> Int64 {
        guard n > 0 else { return 0 }
        if n & (n - 1) == 0 { return int63() & (n - 1) }
        let maxValue = Int64.max - Int64((UInt64(1) << 63) % UInt64(n))
        var v = int63()
        while v > maxValue { v = int63() }
        return v % n
    }
}
