/// A small seeded random number generator (SplitMix64).
///
/// Swift's `SystemRandomNumberGenerator` cannot be seeded, and `Hasher` is seeded per process,
/// so the model uses this generator and `StableHash` to make the same request give the same
/// completion in every process and on every machine.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A double in [0, 1).
    public mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1.0p-53 }
}

/// FNV-1a over bytes: a hash that is the same in every process (unlike `Hasher`).
public struct StableHash: Sendable {
    /// The hash so far.
    public private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    /// An empty hash.
    public init() {}

    /// Mixes in the UTF-8 bytes of `s` and a separator, so `("ab", "c")` and `("a", "bc")` differ.
    public mutating func combine(_ s: String) {
        for b in s.utf8 { mix(b) }
        mix(0xFF)
    }

    /// Mixes in the 8 bytes of `v`.
    public mutating func combine(_ v: UInt64) {
        for i in 0..<8 { mix(UInt8(truncatingIfNeeded: v >> (8 * UInt64(i)))) }
    }

    private mutating func mix(_ b: UInt8) {
        value ^= UInt64(b)
        value = value &* 0x100_0000_01B3
    }
}
