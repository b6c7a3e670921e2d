import Foundation

/// The elementary functions as Go's `math` package computes them on amd64.
///
/// Benthos runs on Go, and Go does not call the C library: `Log` is an fdlibm-style
/// polynomial (assembly on amd64), the trigonometric functions are Cephes polynomials with
/// Payne-Hanek reduction for huge arguments, and `Pow` multiplies by repeated squaring.
/// glibc rounds differently in the last bit often enough to show in printed output
/// (`1000.log10()` is exactly 3 in Go), so the number methods use these ports instead.
/// `exp` is the one function left to the C library, because Go picks its amd64 assembly
/// variant by CPU feature; it is only reached by `pow` with a fractional exponent.
enum GoMath {
    // MARK: - Logarithms

    private static let ln2Hi = Double(bitPattern: 0x3FE6_2E42_FEE0_0000)
    private static let ln2Lo = Double(bitPattern: 0x3DEA_39EF_3579_3C76)
    private static let halfSqrt2 = 7.07106781186547524401e-01
    private static let logP: (Double, Double, Double, Double, Double, Double, Double) = (
        Double(bitPattern: 0x3FE5_5555_5555_5593), Double(bitPattern: 0x3FD9_9999_9997_FA04),
        Double(bitPattern: 0x3FD2_4924_9422_9359), Double(bitPattern: 0x3FCC_71C5_1D8E_78AF),
        Double(bitPattern: 0x3FC7_4664_96CB_03DE), Double(bitPattern: 0x3FC3_9A09_D078_C69F),
        Double(bitPattern: 0x3FC2_F112_DF3E_5244)
    )
    /// 1/ln(10) rounded once from the exact value (not `1 / M_LN10`, which is an ulp lower).
    private static let invLn10 = Double(bitPattern: 0x3FDB_CB7B_1526_E50E)

    /// The natural logarithm, following the amd64 assembly (its bit-level frexp included).
    static func log(_ x: Double) -> Double {
        let bits = x.bitPattern
        if bits & ~(1 << 63) == 0 { return -.infinity }
        if Int64(bitPattern: bits) < 0 { return .nan }
        if bits >= 0x7FF0_0000_0000_0000 { return x }  // +Inf or NaN

        var f1 = Double(bitPattern: (bits & 0x000F_FFFF_FFFF_FFFF) | 0x3FE0_0000_0000_0000)
        var k = Double(Int((bits >> 52) & 0x7FF) - 0x3FE)
        if f1 <= halfSqrt2 {
            k -= 1
            f1 *= 2
        }
        let f = f1 - 1
        let s = f / (2 + f)
        let s2 = s * s
        let s4 = s2 * s2
        let t1 = s2 * (logP.0 + s4 * (logP.2 + s4 * (logP.4 + s4 * logP.6)))
        let t2 = s4 * (logP.1 + s4 * (logP.3 + s4 * logP.5))
        let r = t1 + t2
        let hfsq = 0.5 * f * f
        return k * ln2Hi - ((hfsq - (s * (hfsq + r) + k * ln2Lo)) - f)
    }

    /// The base-10 logarithm, computed as Go does: `Log(x) * (1/Ln10)`.
    static func log10(_ x: Double) -> Double { log(x) * invLn10 }

    // MARK: - Trigonometry

    private static let pi4A = Double(bitPattern: 0x3FE9_21FB_4000_0000)
    private static let pi4B = Double(bitPattern: 0x3E64_442D_0000_0000)
    private static let pi4C = Double(bitPattern: 0x3CE8_4698_98CC_5170)
    private static let fourOverPi = Double(bitPattern: 0x3FF4_5F30_6DC9_C883)
    /// Above this, splitting π/4 in three parts loses accuracy and Payne-Hanek takes over.
    private static let reduceThreshold: Double = 536_870_912  // 1 << 29

    private static let sinP: [Double] = [
        Double(bitPattern: 0x3DE5_D8FD_1FD1_9CCD), Double(bitPattern: 0xBE5A_E5E5_A929_1F5D),
        Double(bitPattern: 0x3EC7_1DE3_567D_48A1), Double(bitPattern: 0xBF2A_01A0_19BF_DF03),
        Double(bitPattern: 0x3F81_1111_1110_F7D0), Double(bitPattern: 0xBFC5_5555_5555_5548),
    ]
    private static let cosP: [Double] = [
        Double(bitPattern: 0xBDA8_FA49_A086_1A9B), Double(bitPattern: 0x3E21_EE9D_7B4E_3F05),
        Double(bitPattern: 0xBE92_7E4F_7EAC_4BC6), Double(bitPattern: 0x3EFA_01A0_19C8_44F5),
        Double(bitPattern: 0xBF56_C16C_16C1_4F91), Double(bitPattern: 0x3FA5_5555_5555_554B),
    ]
    private static let tanP: [Double] = [
        Double(bitPattern: 0xC0C9_92D8_D24F_3F38), Double(bitPattern: 0x4131_99EC_A5FC_9DDD),
        Double(bitPattern: 0xC171_1FEA_D329_9176),
    ]
    private static let tanQ: [Double] = [
        1.0, Double(bitPattern: 0x40CA_B8A5_EEB3_6572), Double(bitPattern: 0xC134_27BC_582A_BC96),
        Double(bitPattern: 0x4177_D98F_C2EA_D8EF), Double(bitPattern: 0xC189_AFE0_3CBE_5A31),
    ]

    /// The binary expansion of 4/π, 64 bits a word: 4/π = Σ words[i]·2^(-64·i).
    private static let fourOverPiWords: [UInt64] = [
        0x0000_0000_0000_0001, 0x45F3_06DC_9C88_2A53, 0xF84E_AFA3_EA69_BB81, 0xB6C5_2B32_7887_2083,
        0xFCA2_C757_BD77_8AC3, 0x6E48_DC74_849B_A5C0, 0x0C92_5DD4_13A3_2439, 0xFC3B_D639_6253_4E7D,
        0xD104_6BEA_5D76_8909, 0xD338_E04D_68BE_FC82, 0x7323_AC73_06A6_73E9, 0x3908_BF17_7BF2_5076,
        0x3FF1_2FFF_BC0B_301F, 0xDE5E_2316_B414_DA3E, 0xDA6C_FD9E_4F96_136E, 0x9E8C_7ECD_3CBF_D45A,
        0xEA4F_758F_D7CB_E2F6, 0x7A0E_73EF_14A5_25D4, 0xD7F6_BF62_3F1A_BA10, 0xAC06_608D_F8F6_D757,
    ]

    /// Splits a non-negative finite `x` into its octant (mod 8, zeros mapped to the origin)
    /// and the remainder in radians.
    private static func reduce(_ x: Double) -> (octant: UInt64, z: Double) {
        if x >= reduceThreshold { return payneHanek(x) }
        var j = UInt64(x * fourOverPi)
        var y = Double(j)
        if j & 1 == 1 {
            j += 1
            y += 1
        }
        return (j, ((x - y * pi4A) - y * pi4B) - y * pi4C)
    }

    /// Payne-Hanek reduction by π/4 for huge arguments, with 64-bit integer arithmetic.
    private static func payneHanek(_ x: Double) -> (octant: UInt64, z: Double) {
        let piOver4 = Double.pi / 4
        if x < piOver4 { return (0, x) }
        var ix = x.bitPattern
        let exp = Int((ix >> 52) & 0x7FF) - 1023 - 52
        ix &= ~(UInt64(0x7FF) << 52)
        ix |= 1 << 52
        let digit = (exp + 61) / 64
        let shift = UInt64((exp + 61) % 64)
        let w = fourOverPiWords
        guard digit >= 0, digit + 3 < w.count else { return (0, .nan) }
        // Shifting by 64 yields 0 with Swift's smart shifts, as in Go.
        let z0 = (w[digit] << shift) | (w[digit + 1] >> (64 - shift))
        let z1 = (w[digit + 1] << shift) | (w[digit + 2] >> (64 - shift))
        let z2 = (w[digit + 2] << shift) | (w[digit + 3] >> (64 - shift))
        let z2hi = z2.multipliedFullWidth(by: ix).high
        let (z1hi, z1lo) = z1.multipliedFullWidth(by: ix)
        let z0lo = z0 &* ix
        let (lo, carry) = z1lo.addingReportingOverflow(z2hi)
        var hi = z0lo &+ z1hi &+ (carry ? 1 : 0)
        var j = hi >> 61
        hi = hi << 3 | lo >> 61
        let lz = UInt64(hi.leadingZeroBitCount)
        let e = UInt64(1023) &- (lz + 1)
        hi = (hi << (lz + 1)) | (lo >> (64 - (lz + 1)))
        hi >>= 64 - 52
        hi |= e << 52
        var z = Double(bitPattern: hi)
        if j & 1 == 1 {
            j += 1
            j &= 7
            z -= 1
        }
        return (j, z * piOver4)
    }

    private static func sinPoly(_ z: Double, _ zz: Double) -> Double {
        z + z * zz * (((((sinP[0] * zz + sinP[1]) * zz + sinP[2]) * zz + sinP[3]) * zz + sinP[4]) * zz + sinP[5])
    }

    private static func cosPoly(_ zz: Double) -> Double {
        1.0 - 0.5 * zz + zz * zz
            * (((((cosP[0] * zz + cosP[1]) * zz + cosP[2]) * zz + cosP[3]) * zz + cosP[4]) * zz + cosP[5])
    }

    /// The sine of `x` radians.
    static func sin(_ x: Double) -> Double {
        if x == 0 || x.isNaN { return x }
        if x.isInfinite { return .nan }
        var negative = x < 0
        var (j, z) = reduce(Swift.abs(x))
        j &= 7
        if j > 3 {
            negative.toggle()
            j -= 4
        }
        let zz = z * z
        let y = (j == 1 || j == 2) ? cosPoly(zz) : sinPoly(z, zz)
        return negative ? -y : y
    }

    /// The cosine of `x` radians.
    static func cos(_ x: Double) -> Double {
        if x.isNaN || x.isInfinite { return .nan }
        var negative = false
        var (j, z) = reduce(Swift.abs(x))
        j &= 7
        if j > 3 {
            j -= 4
            negative.toggle()
        }
        if j > 1 { negative.toggle() }
        let zz = z * z
        let y = (j == 1 || j == 2) ? sinPoly(z, zz) : cosPoly(zz)
        return negative ? -y : y
    }

    /// The tangent of `x` radians.
    static func tan(_ x: Double) -> Double {
        if x == 0 || x.isNaN { return x }
        if x.isInfinite { return .nan }
        let (j, z) = reduce(Swift.abs(x))
        let zz = z * z
        var y = z
        if zz > 1e-14 {
            let p = ((tanP[0] * zz) + tanP[1]) * zz + tanP[2]
            let q = (((zz + tanQ[1]) * zz + tanQ[2]) * zz + tanQ[3]) * zz + tanQ[4]
            y = z + z * (zz * p / q)
        }
        if j & 2 == 2 { y = -1 / y }
        return x < 0 ? -y : y
    }

    // MARK: - Powers

    /// `x` raised to `y`: Go's special cases, then the integer part of the exponent by
    /// repeated squaring of the mantissa and the fractional part through `exp(log)`.
    static func pow(_ x: Double, _ y: Double) -> Double {
        if y == 0 || x == 1 { return 1 }
        if x.isNaN || y.isNaN { return .nan }
        if x == 0 {
            if y < 0 { return isOddInteger(y) ? Double(signOf: x, magnitudeOf: .infinity) : .infinity }
            if y > 0 { return isOddInteger(y) ? x : 0 }
        }
        if y.isInfinite {
            if x == -1 { return 1 }
            return (Swift.abs(x) < 1) == (y > 0) ? 0 : .infinity
        }
        if x.isInfinite {
            if x < 0 { return pow(1 / x, -y) }
            if y < 0 { return 0 }
            if y > 0 { return .infinity }
        }
        if y == 0.5 { return x.squareRoot() }
        if y == -0.5 { return 1 / x.squareRoot() }

        let ay = Swift.abs(y)
        var yi = ay.rounded(.towardZero)
        var yf = ay - yi
        if yf != 0 && x < 0 { return .nan }
        if yi >= 9.223372036854775808e18 {
            if x == -1 { return 1 }
            return (Swift.abs(x) < 1) == (y > 0) ? 0 : .infinity
        }

        var a1 = 1.0
        var ae = 0
        if yf != 0 {
            if yf > 0.5 {
                yf -= 1
                yi += 1
            }
            a1 = Foundation.exp(yf * log(x))
        }
        var (x1, xe) = frexp(x)
        var i = Int64(yi)
        while i != 0 {
            if xe < -(1 << 12) || (1 << 12) < xe {
                ae += xe
                break
            }
            if i & 1 == 1 {
                a1 *= x1
                ae += xe
            }
            x1 *= x1
            xe <<= 1
            if x1 < 0.5 {
                x1 += x1
                xe -= 1
            }
            i >>= 1
        }
        if y < 0 {
            a1 = 1 / a1
            ae = -ae
        }
        return scalbn(a1, ae)
    }

    private static func isOddInteger(_ x: Double) -> Bool {
        let whole = x.rounded(.towardZero)
        guard whole == x, Swift.abs(whole) < 9.223372036854775808e18 else { return false }
        return Int64(whole) & 1 == 1
    }
}
