/// The exact decimal expansion of a double, `0.d1d2…dn × 10^point`, used where a fixed
/// precision must be rounded from the true binary value (Go's `bigFtoa`).
struct ExactDecimal {
    /// ASCII digits without leading or trailing zeros; empty for zero.
    var digits: [UInt8]
    var point: Int

    init(_ f: Double) {
        var mantissa: UInt64
        var exponent: Int
        if f.exponentBitPattern == 0 {
            mantissa = f.significandBitPattern
            exponent = -1074
        } else {
            mantissa = f.significandBitPattern | (1 << 52)
            exponent = Int(f.exponentBitPattern) - 1075
        }
        if mantissa == 0 || !f.isFinite {
            digits = []
            point = 0
            return
        }
        let zeros = mantissa.trailingZeroBitCount
        mantissa >>= UInt64(zeros)
        exponent += zeros
        // Little-endian 32-bit limbs.
        var limbs: [UInt32] = [UInt32(truncatingIfNeeded: mantissa), UInt32(truncatingIfNeeded: mantissa >> 32)]
        var fractionDigits = 0
        if exponent >= 0 {
            ExactDecimal.shiftLeft(&limbs, by: exponent)
        } else {
            // m × 2^-k = m × 5^k / 10^k.
            var k = -exponent
            fractionDigits = k
            while k >= 13 {
                ExactDecimal.multiply(&limbs, by: 1_220_703_125)  // 5^13
                k -= 13
            }
            var rest: UInt32 = 1
            for _ in 0..<k { rest *= 5 }
            if rest > 1 { ExactDecimal.multiply(&limbs, by: rest) }
        }
        digits = ExactDecimal.decimalDigits(of: &limbs)
        point = digits.count - fractionDigits
        while let last = digits.last, last == UInt8(ascii: "0") { digits.removeLast() }
    }

    /// Rounds to `keeping` digits, half to even on exact ties (Go's `decimal.Round`).
    mutating func round(keeping nd: Int) {
        if nd < 0 || nd >= digits.count { return }
        let up: Bool
        if digits[nd] == UInt8(ascii: "5") && nd + 1 == digits.count {
            up = nd > 0 && (digits[nd - 1] - 48) % 2 == 1
        } else {
            up = digits[nd] >= UInt8(ascii: "5")
        }
        if up {
            var i = nd - 1
            while i >= 0 && digits[i] == UInt8(ascii: "9") { i -= 1 }
            if i < 0 {
                digits = [UInt8(ascii: "1")]
                point += 1
            } else {
                digits[i] += 1
                digits.removeSubrange((i + 1)...)
            }
        } else {
            digits.removeSubrange(nd...)
            while let last = digits.last, last == UInt8(ascii: "0") { digits.removeLast() }
        }
    }

    // MARK: - Big integer helpers

    private static func multiply(_ limbs: inout [UInt32], by m: UInt32) {
        var carry: UInt64 = 0
        for i in limbs.indices {
            let p = UInt64(limbs[i]) * UInt64(m) + carry
            limbs[i] = UInt32(truncatingIfNeeded: p)
            carry = p >> 32
        }
        if carry != 0 { limbs.append(UInt32(carry)) }
    }

    private static func shiftLeft(_ limbs: inout [UInt32], by bits: Int) {
        let whole = bits / 32
        let part = bits % 32
        if part != 0 {
            var carry: UInt32 = 0
            for i in limbs.indices {
                let v = limbs[i]
                limbs[i] = (v << UInt32(part)) | carry
                carry = v >> UInt32(32 - part)
            }
            if carry != 0 { limbs.append(carry) }
        }
        if whole > 0 { limbs.insert(contentsOf: repeatElement(0, count: whole), at: 0) }
    }

    /// Destroys `limbs`, returning the decimal digits of the number without leading zeros.
    private static func decimalDigits(of limbs: inout [UInt32]) -> [UInt8] {
        var chunks: [UInt32] = []
        while let last = limbs.last, last == 0 { limbs.removeLast() }
        while !limbs.isEmpty {
            var remainder: UInt64 = 0
            var i = limbs.count - 1
            while i >= 0 {
                let cur = (remainder << 32) | UInt64(limbs[i])
                limbs[i] = UInt32(cur / 1_000_000_000)
                remainder = cur % 1_000_000_000
                i -= 1
            }
            chunks.append(UInt32(remainder))
            while let last = limbs.last, last == 0 { limbs.removeLast() }
        }
        var out: [UInt8] = []
        out.reserveCapacity(chunks.count * 9)
        for (n, chunk) in chunks.reversed().enumerated() {
            var text: [UInt8] = Array(repeating: UInt8(ascii: "0"), count: 9)
            var v = chunk
            var j = 8
            while v > 0 {
                text[j] = UInt8(v % 10) + 48
                v /= 10
                j -= 1
            }
            if n == 0 {
                let first = text.firstIndex(where: { $0 != UInt8(ascii: "0") }) ?? 8
                out.append(contentsOf: text[first...])
            } else {
                out.append(contentsOf: text)
            }
        }
        return out
    }
}
