/// The Snappy block format (no framing), as `snappy.Encode`/`snappy.Decode` from
/// klauspost/compress read and write it for Benthos.
///
/// Inputs shorter than 32 bytes are one literal, as klauspost writes them; longer inputs
/// use our own greedy matcher, so the bytes can differ from Go's while decoding the same.
/// Decoding accepts klauspost's S2 extension (a zero offset repeats the previous one).
enum Snappy {
    private static let corrupt = CodecError("s2: corrupt input")

    static func compress(_ input: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(input.count + input.count / 6 + 8)
        var n = UInt64(input.count)
        while n >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: n) | 0x80)
            n >>= 7
        }
        out.append(UInt8(n))
        if input.isEmpty { return out }
        if input.count < 32 {
            emitLiteral(&out, input[...])
            return out
        }
        var start = 0
        while start < input.count {
            let end = min(start + 65536, input.count)
            encodeBlock(&out, input, start, end)
            start = end
        }
        return out
    }

    private static func emitLiteral(_ out: inout [UInt8], _ lit: ArraySlice<UInt8>) {
        let n = lit.count - 1
        if n < 60 {
            out.append(UInt8(n) << 2)
        } else if n < 1 << 8 {
            out += [60 << 2, UInt8(n)]
        } else if n < 1 << 16 {
            out += [61 << 2, UInt8(n & 0xff), UInt8(n >> 8)]
        } else if n < 1 << 24 {
            out += [62 << 2, UInt8(n & 0xff), UInt8((n >> 8) & 0xff), UInt8(n >> 16)]
        } else {
            out += [63 << 2, UInt8(n & 0xff), UInt8((n >> 8) & 0xff), UInt8((n >> 16) & 0xff), UInt8(n >> 24)]
        }
        out += lit
    }

    private static func emitCopy(_ out: inout [UInt8], offset: Int, length: Int) {
        var length = length
        while length >= 68 {
            out += [63 << 2 | 2, UInt8(offset & 0xff), UInt8(offset >> 8)]
            length -= 64
        }
        if length > 64 {
            out += [59 << 2 | 2, UInt8(offset & 0xff), UInt8(offset >> 8)]
            length -= 60
        }
        if length >= 12 || offset >= 2048 {
            out += [UInt8(length - 1) << 2 | 2, UInt8(offset & 0xff), UInt8(offset >> 8)]
        } else {
            out += [UInt8(offset >> 8) << 5 | UInt8(length - 4) << 2 | 1, UInt8(offset & 0xff)]
        }
    }

    /// Greedy matching within one 64 KiB block (offsets never cross blocks).
    private static func encodeBlock(_ out: inout [UInt8], _ src: [UInt8], _ start: Int, _ end: Int) {
        let tableBits = 14
        var table = [Int32](repeating: -1, count: 1 << tableBits)
        src.withUnsafeBufferPointer { s in
            let base = UnsafeRawPointer(s.baseAddress!)
            @inline(__always) func load32(_ i: Int) -> UInt32 { base.loadUnaligned(fromByteOffset: i, as: UInt32.self) }
            @inline(__always) func hash(_ v: UInt32) -> Int { Int((v &* 0x1e35_a7bd) >> UInt32(32 - tableBits)) }
            var anchor = start
            var i = start + 1
            let limit = end - 4
            var skip = 32
            while i <= limit {
                let v = load32(i)
                let h = hash(v)
                let candidate = Int(table[h])
                table[h] = Int32(i)
                if candidate < start || candidate >= i || load32(candidate) != v {
                    i += skip >> 5
                    skip += 1
                    continue
                }
                skip = 32
                if anchor < i { emitLiteral(&out, s[anchor..<i].asArraySlice) }
                var length = 4
                while i + length < end && s[candidate + length] == s[i + length] { length += 1 }
                emitCopy(&out, offset: i - candidate, length: length)
                i += length
                anchor = i
                if i <= limit { table[hash(load32(i - 1))] = Int32(i - 1) }
            }
            if anchor < end { emitLiteral(&out, s[anchor..<end].asArraySlice) }
        }
    }

    static func decompress(_ input: [UInt8]) throws(CodecError) -> [UInt8] {
        var length: UInt64 = 0
        var i = 0
        var shift: UInt64 = 0
        while true {
            guard i < input.count, i < 10 else { throw corrupt }
            let b = input[i]
            i += 1
            length |= UInt64(b & 0x7f) << shift
            if b < 0x80 { break }
            shift += 7
        }
        guard i <= 5, length <= 0xffff_ffff else { throw corrupt }
        let expected = Int(length)
        var out: [UInt8] = []
        out.reserveCapacity(min(expected, 1 << 26))
        var lastOffset = 0
        let n = input.count
        while i < n {
            let tag = input[i]
            switch tag & 3 {
            case 0:
                var lit = Int(tag >> 2)
                i += 1
                if lit >= 60 {
                    let extra = lit - 59
                    guard n - i >= extra else { throw corrupt }
                    lit = 0
                    for k in 0..<extra { lit |= Int(input[i + k]) << (8 * k) }
                    i += extra
                }
                lit += 1
                guard n - i >= lit, out.count + lit <= expected else { throw corrupt }
                out.append(contentsOf: input[i..<(i + lit)])
                i += lit
                continue
            case 1:
                guard n - i >= 2 else { throw corrupt }
                var copyLength = Int((tag >> 2) & 7) + 4
                var offset = Int(tag >> 5) << 8 | Int(input[i + 1])
                i += 2
                if offset == 0 {
                    // S2 repeat: the length is coded in the following bytes.
                    switch copyLength {
                    case 9:
                        guard i < n else { throw corrupt }
                        copyLength = Int(input[i]) + 4
                        i += 1
                    case 10:
                        guard n - i >= 2 else { throw corrupt }
                        copyLength = (Int(input[i]) | Int(input[i + 1]) << 8) + (1 << 8)
                        i += 2
                    case 11:
                        guard n - i >= 3 else { throw corrupt }
                        copyLength = (Int(input[i]) | Int(input[i + 1]) << 8 | Int(input[i + 2]) << 16) + (1 << 16)
                        i += 3
                    default: break
                    }
                    offset = lastOffset
                }
                try copy(&out, offset: offset, length: copyLength, expected: expected)
                lastOffset = offset
            case 2:
                guard n - i >= 3 else { throw corrupt }
                let offset = Int(input[i + 1]) | Int(input[i + 2]) << 8
                i += 3
                try copy(&out, offset: offset, length: Int(tag >> 2) + 1, expected: expected)
                lastOffset = offset
            default:
                guard n - i >= 5 else { throw corrupt }
                let offset = Int(input[i + 1]) | Int(input[i + 2]) << 8 | Int(input[i + 3]) << 16 | Int(input[i + 4]) << 24
                i += 5
                try copy(&out, offset: offset, length: Int(tag >> 2) + 1, expected: expected)
                lastOffset = offset
            }
        }
        guard out.count == expected else { throw corrupt }
        return out
    }

    private static func copy(_ out: inout [UInt8], offset: Int, length: Int, expected: Int) throws(CodecError) {
        guard offset > 0, offset <= out.count, out.count + length <= expected else { throw corrupt }
        out.appendBackReference(distance: offset, length: length)
    }
}

extension Slice where Base == UnsafeBufferPointer<UInt8> {
    /// Copies the bytes into an array slice.
    var asArraySlice: ArraySlice<UInt8> { ArraySlice(self) }
}
