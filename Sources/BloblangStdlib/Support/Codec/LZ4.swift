/// LZ4 frames (the format `github.com/pierrec/lz4/v4` reads and writes for Benthos).
///
/// Compression mirrors pierrec's writer defaults: 4 MiB independent blocks, a content
/// checksum, no block checksums, and its fast block compressor, with a block stored raw
/// when compressing does not shrink it. Higher levels (pierrec's HC modes) use the fast
/// compressor too.
enum LZ4 {
    private static let magic: UInt32 = 0x184d_2204
    private static let blockSize = 4 << 20

    static func compress(_ input: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(input.count + 32)
        out.appendLittleEndian(magic)
        let descriptor: [UInt8] = [0x64, 0x70]  // version 1, independent blocks, content checksum; 4 MiB
        out += descriptor
        out.append(UInt8(truncatingIfNeeded: XXHash32.hash(descriptor) >> 8))
        var start = 0
        while start < input.count {
            let end = min(start + blockSize, input.count)
            let block = Array(input[start..<end])
            if let compressed = LZ4Block.compress(block) {
                out.appendLittleEndian(UInt32(compressed.count))
                out += compressed
            } else {
                out.appendLittleEndian(UInt32(block.count) | 0x8000_0000)
                out += block
            }
            start = end
        }
        out.appendLittleEndian(UInt32(0))
        out.appendLittleEndian(XXHash32.hash(input))
        return out
    }

    static func decompress(_ input: [UInt8]) throws(CodecError) -> [UInt8] {
        var out: [UInt8] = []
        var pos = 0
        func u32() throws(CodecError) -> UInt32 {
            guard input.count - pos >= 4 else { throw .unexpectedEOF }
            defer { pos += 4 }
            return UInt32(input[pos]) | UInt32(input[pos + 1]) << 8 | UInt32(input[pos + 2]) << 16
                | UInt32(input[pos + 3]) << 24
        }
        if input.isEmpty { throw CodecError("EOF") }
        repeat {
            let m = try u32()
            if m & 0xffff_fff0 == 0x184d_2a50 {
                // A skippable frame.
                let n = Int(try u32())
                guard input.count - pos >= n else { throw .unexpectedEOF }
                pos += n
                continue
            }
            guard m == magic else { throw CodecError("lz4: bad magic number") }
            guard input.count - pos >= 3 else { throw .unexpectedEOF }
            let flg = input[pos], bd = input[pos + 1]
            guard flg >> 6 == 1 else { throw CodecError("lz4: unsupported version") }
            let hasBlockChecksum = flg & 0x10 != 0
            let hasContentSize = flg & 0x08 != 0
            let hasContentChecksum = flg & 0x04 != 0
            let hasDictionary = flg & 0x01 != 0
            let descriptorLength = 2 + (hasContentSize ? 8 : 0) + (hasDictionary ? 4 : 0)
            guard input.count - pos >= descriptorLength + 1 else { throw .unexpectedEOF }
            let checksum = UInt8(truncatingIfNeeded: XXHash32.hash(Array(input[pos..<(pos + descriptorLength)])) >> 8)
            guard checksum == input[pos + descriptorLength] else {
                throw CodecError(
                    "lz4: invalid header checksum: got \(String(checksum, radix: 16)); expected \(String(input[pos + descriptorLength], radix: 16))"
                )
            }
            let sizeIndex = Int((bd >> 4) & 7)
            guard sizeIndex >= 4 else { throw CodecError("lz4: invalid block max size") }
            let maxBlock = 1 << (8 + 2 * sizeIndex)
            pos += descriptorLength + 1
            let frameStart = out.count
            while true {
                let word = try u32()
                if word == 0 { break }
                let size = Int(word & 0x7fff_ffff)
                guard size <= maxBlock else { throw CodecError("lz4: invalid block max size") }
                guard input.count - pos >= size else { throw .unexpectedEOF }
                let data = input[pos..<(pos + size)]
                pos += size
                let blockStart = out.count
                if word & 0x8000_0000 != 0 {
                    out += data
                } else {
                    try LZ4Block.decompress(data, into: &out, limit: maxBlock)
                }
                if hasBlockChecksum {
                    let want = try u32()
                    let got = out[blockStart...].withUnsafeBytes { XXHash32.hash($0) }
                    guard want == got else { throw CodecError("lz4: invalid block checksum") }
                }
            }
            if hasContentChecksum {
                let want = try u32()
                let got = out[frameStart...].withUnsafeBytes { XXHash32.hash($0) }
                guard want == got else {
                    throw CodecError(
                        "lz4: invalid frame checksum: got \(String(got, radix: 16)); expected \(String(want, radix: 16))")
                }
            }
        } while pos < input.count
        return out
    }
}

/// The LZ4 block format.
enum LZ4Block {
    private static let minMatch = 4
    private static let matchFindLimit = 14  // the last match cannot start within the last 14 bytes
    private static let hashLog = 16
    private static let window = 1 << 16

    @inline(__always) private static func hash(_ x: UInt64) -> Int {
        Int(truncatingIfNeeded: ((x << 16) &* 227_718_039_650_203) >> UInt64(64 - hashLog))
    }

    /// Compresses one block the way pierrec's fast compressor does, or returns nil when the
    /// result would not be smaller than the input (the caller then stores it raw).
    static func compress(_ src: [UInt8]) -> [UInt8]? {
        let n = src.count
        let limit = n  // pierrec gives the compressor an output buffer the size of the input
        var dst = [UInt8]()
        dst.reserveCapacity(n)
        var table = [Int32](repeating: -1, count: 1 << hashLog)
        return src.withUnsafeBufferPointer { s -> [UInt8]? in
            let base = UnsafeRawPointer(s.baseAddress!)
            @inline(__always) func load64(_ i: Int) -> UInt64 { UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) }
            @inline(__always) func load32(_ i: Int) -> UInt32 { UInt32(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt32.self)) }
            // Positions are kept modulo 64 KiB and resolved against the current position.
            @inline(__always) func get(_ h: Int, _ si: Int) -> Int {
                let entry = table[h]
                var i = (entry < 0 ? 0 : Int(entry)) + (si & ~(window - 1))
                if i >= si { i -= window }
                return i
            }
            @inline(__always) func put(_ h: Int, _ si: Int) { table[h] = Int32(si & (window - 1)) }
            func matches(_ ref: Int, _ si: Int, _ value: UInt32) -> Bool {
                let offset = si - ref
                return ref >= 0 && offset > 0 && offset < window && value == load32(ref)
            }

            var si = 0, anchor = 0
            let sn = n - matchFindLimit
            while si < sn {
                let match = load64(si)
                var h = hash(match)
                let h2 = hash(match >> 8)
                let ref = get(h, si)
                let ref2 = get(h2, si + 1)
                put(h, si)
                put(h2, si + 1)
                var offset = si - ref
                if !matches(ref, si, UInt32(truncatingIfNeeded: match)) {
                    h = hash(match >> 16)
                    let ref3 = get(h, si + 2)
                    si += 1
                    offset = si - ref2
                    if !matches(ref2, si, UInt32(truncatingIfNeeded: match >> 8)) {
                        si += 1
                        offset = si - ref3
                        put(h, si)
                        if !matches(ref3, si, UInt32(truncatingIfNeeded: match >> 16)) {
                            si += 2 + (si - anchor) >> 7
                            continue
                        }
                    }
                }
                // A match of at least 4 bytes at si: extend it backwards, then forwards.
                var literalLength = si - anchor
                var back = 0
                var t = si - offset - 1
                while literalLength > 0 && t >= 0 && s[si - 1] == s[t] {
                    si -= 1
                    t -= 1
                    literalLength -= 1
                    back += 1
                }
                let extensionStart = si + minMatch
                si = extensionStart + back
                while si + 8 <= sn {
                    let x = load64(si) ^ load64(si - offset)
                    if x == 0 {
                        si += 8
                    } else {
                        si += x.trailingZeroBitCount >> 3
                        break
                    }
                }
                var extraLength = si - extensionStart
                guard dst.count < limit else { return nil }
                var token = UInt8(min(extraLength, 15))
                token |= UInt8(min(literalLength, 15)) << 4
                dst.append(token)
                if literalLength >= 15 {
                    var l = literalLength - 15
                    while l >= 255 {
                        dst.append(255)
                        l -= 255
                    }
                    dst.append(UInt8(l))
                }
                guard dst.count + literalLength + 2 <= limit else { return nil }
                dst.append(contentsOf: s[anchor..<(anchor + literalLength)])
                dst.append(UInt8(truncatingIfNeeded: offset))
                dst.append(UInt8(truncatingIfNeeded: offset >> 8))
                anchor = si
                if extraLength >= 15 {
                    extraLength -= 15
                    while extraLength >= 255 {
                        dst.append(255)
                        extraLength -= 255
                    }
                    guard dst.count < limit else { return nil }
                    dst.append(UInt8(extraLength))
                }
                if si >= sn { break }
                put(hash(load64(si - 2)), si - 2)
            }
            if anchor == 0 { return nil }
            var literalLength = n - anchor
            guard dst.count < limit else { return nil }
            if literalLength < 15 {
                dst.append(UInt8(literalLength << 4))
            } else {
                dst.append(0xf0)
                literalLength -= 15
                while literalLength >= 255 {
                    dst.append(255)
                    literalLength -= 255
                }
                dst.append(UInt8(literalLength))
            }
            if dst.count >= anchor { return nil }
            guard dst.count + (n - anchor) <= limit else { return nil }
            dst.append(contentsOf: s[anchor..<n])
            return dst
        }
    }

    private static let corrupt = CodecError("lz4: invalid source or destination buffer too short")

    /// Decodes one block, appending to `out`; matches may reach into earlier output.
    static func decompress(_ src: ArraySlice<UInt8>, into out: inout [UInt8], limit: Int) throws(CodecError) {
        var i = src.startIndex
        let end = src.endIndex
        let start = out.count
        while i < end {
            let token = src[i]
            i += 1
            var literalLength = Int(token >> 4)
            if literalLength == 15 {
                while true {
                    guard i < end else { throw corrupt }
                    let b = src[i]
                    i += 1
                    literalLength += Int(b)
                    if b != 255 { break }
                }
            }
            guard end - i >= literalLength, out.count - start + literalLength <= limit else { throw corrupt }
            out.append(contentsOf: src[i..<(i + literalLength)])
            i += literalLength
            if i == end { return }  // the last sequence has literals only
            guard end - i >= 2 else { throw corrupt }
            let offset = Int(src[i]) | Int(src[i + 1]) << 8
            i += 2
            var matchLength = Int(token & 15) + minMatch
            if token & 15 == 15 {
                while true {
                    guard i < end else { throw corrupt }
                    let b = src[i]
                    i += 1
                    matchLength += Int(b)
                    if b != 255 { break }
                }
            }
            guard offset > 0, offset <= out.count, out.count - start + matchLength <= limit else { throw corrupt }
            out.appendBackReference(distance: offset, length: matchLength)
        }
    }
}
