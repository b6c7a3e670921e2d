/// Writes one compressed Zstandard block: raw literals, then the sequences coded with the
/// predefined FSE tables (mode 0 for all three, so no table is transmitted).
enum ZstdBlockEncoder {
    /// For each symbol and each state the decoder will be in next, the state to emit the
    /// symbol from (the inverse of the decoding table).
    private struct FSEEncoder {
        let table: ZstdFSETable
        let stateFor: [[Int]]

        init(_ table: ZstdFSETable) {
            self.table = table
            let size = table.symbols.count
            let symbolCount = Int(table.symbols.max() ?? 0) + 1
            var map = [[Int]](repeating: [Int](repeating: -1, count: size), count: symbolCount)
            for state in 0..<size {
                let s = Int(table.symbols[state])
                let base = Int(table.baselines[state])
                for next in base..<min(size, base + (1 << Int(table.bits[state]))) { map[s][next] = state }
            }
            stateFor = map
        }
    }

    private static let ll = ZstdFrameDecoder.llDefault.map(FSEEncoder.init)
    private static let ml = ZstdFrameDecoder.mlDefault.map(FSEEncoder.init)
    private static let of = ZstdFrameDecoder.ofDefault.map(FSEEncoder.init)

    private struct Sequence {
        var literalLength: Int
        var matchLength: Int
        var offset: Int
    }

    private static func code(_ value: Int, bases: [Int]) -> Int {
        var lo = 0, hi = bases.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if bases[mid] <= value { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// The block body, or nil when there is nothing to gain.
    static func encode(
        _ src: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ matcher: inout LZ77Matcher
    ) -> [UInt8]? {
        guard let ll, let ml, let of else { return nil }
        var sequences: [Sequence] = []
        var literals: [UInt8] = []
        literals.reserveCapacity(end - start)
        var anchor = start
        var i = start
        var pending: (length: Int, distance: Int)? = nil
        while i < end {
            var m = pending ?? matcher.find(src, i, maxLength: min(258, end - i))
            pending = nil
            matcher.insert(src, i)
            if m.length >= 4 && m.length < matcher.lazyLimit && i + 1 < end {
                let next = matcher.find(src, i + 1, maxLength: min(258, end - i - 1))
                if next.length > m.length {
                    m = (0, 0)
                    pending = next
                }
            }
            if m.length >= 4 {
                literals.append(contentsOf: UnsafeBufferPointer(rebasing: src[anchor..<i]))
                sequences.append(Sequence(literalLength: i - anchor, matchLength: m.length, offset: m.distance))
                for j in (i + 1)..<(i + m.length) { matcher.insert(src, j) }
                i += m.length
                anchor = i
            } else {
                i += 1
            }
        }
        literals.append(contentsOf: UnsafeBufferPointer(rebasing: src[anchor..<end]))
        guard !sequences.isEmpty else { return nil }

        var out: [UInt8] = []
        // Literals section: raw.
        let n = literals.count
        if n < 32 {
            out.append(UInt8(n << 3))
        } else if n < 4096 {
            out += [UInt8(0b0100 | (n & 15) << 4), UInt8(n >> 4)]
        } else {
            out += [UInt8(0b1100 | (n & 15) << 4), UInt8((n >> 4) & 0xff), UInt8(n >> 12)]
        }
        out += literals
        // Sequences section header.
        let count = sequences.count
        if count < 128 {
            out.append(UInt8(count))
        } else if count < 0x7f00 {
            out += [UInt8((count >> 8) + 128), UInt8(count & 0xff)]
        } else {
            out += [255, UInt8((count - 0x7f00) & 0xff), UInt8((count - 0x7f00) >> 8)]
        }
        out.append(0)  // predefined tables for literal lengths, offsets and match lengths

        // The decoder reads this stream backwards, so write the last sequence first and
        // every field in the reverse of the order it is read.
        var w = BitWriter()
        var llState = 0, mlState = 0, ofState = 0
        for k in stride(from: count - 1, through: 0, by: -1) {
            let seq = sequences[k]
            let llCode = code(seq.literalLength, bases: ZstdFrameDecoder.llBase)
            let mlCode = code(seq.matchLength, bases: ZstdFrameDecoder.mlBase)
            let offsetValue = seq.offset + 3
            let ofCode = (Int.bitWidth - 1) - offsetValue.leadingZeroBitCount
            if k == count - 1 {
                llState = ll.stateFor[llCode].firstIndex { $0 >= 0 } ?? 0
                mlState = ml.stateFor[mlCode].firstIndex { $0 >= 0 } ?? 0
                ofState = of.stateFor[ofCode].firstIndex { $0 >= 0 } ?? 0
                llState = ll.stateFor[llCode][llState]
                mlState = ml.stateFor[mlCode][mlState]
                ofState = of.stateFor[ofCode][ofState]
            } else {
                // Transitions into sequence k + 1, read as LL, ML, OF: written as OF, ML, LL.
                let newOf = of.stateFor[ofCode][ofState]
                w.write(ofState - Int(of.table.baselines[newOf]), Int(of.table.bits[newOf]))
                let newMl = ml.stateFor[mlCode][mlState]
                w.write(mlState - Int(ml.table.baselines[newMl]), Int(ml.table.bits[newMl]))
                let newLl = ll.stateFor[llCode][llState]
                w.write(llState - Int(ll.table.baselines[newLl]), Int(ll.table.bits[newLl]))
                (llState, mlState, ofState) = (newLl, newMl, newOf)
            }
            // Extra bits, read as OF, ML, LL: written as LL, ML, OF.
            w.write(seq.literalLength - ZstdFrameDecoder.llBase[llCode], ZstdFrameDecoder.llBits[llCode])
            w.write(seq.matchLength - ZstdFrameDecoder.mlBase[mlCode], ZstdFrameDecoder.mlBits[mlCode])
            w.write(offsetValue - (1 << ofCode), ofCode)
        }
        // Initial states, read as LL, OF, ML.
        w.write(mlState, ml.table.accuracyLog)
        w.write(ofState, of.table.accuracyLog)
        w.write(llState, ll.table.accuracyLog)
        w.write(1, 1)  // the end marker
        w.align()
        out += w.bytes
        return out.count <= 128 << 10 ? out : nil
    }
}
