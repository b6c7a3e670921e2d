import Bloblang

/// Byte-level string operations with the results of Go's `strings` and `bytes` packages.
///
/// Go strings are byte sequences that usually hold UTF-8. Where Go decodes runes, a byte
/// that does not start a valid UTF-8 sequence counts as a one-byte rune (U+FFFD), and the
/// helpers here do the same.
enum GoBytes {
    /// The runes of `b` as (scalar, byte range) pairs; invalid bytes become U+FFFD of width 1.
    static func runes(_ b: [UInt8]) -> [(scalar: UInt32, start: Int, end: Int)] {
        var out: [(UInt32, Int, Int)] = []
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            let (s, w) = GoStrconv.decodeRune(b, at: i)
            out.append((s ?? 0xFFFD, i, i + w))
            i += w
        }
        return out
    }

    /// The byte offset of the first occurrence of `needle`, or -1 (`strings.Index`).
    static func index(of needle: [UInt8], in hay: [UInt8], from start: Int = 0) -> Int {
        let n = needle.count
        if n == 0 { return start <= hay.count ? start : -1 }
        guard hay.count - start >= n else { return -1 }
        let first = needle[0]
        var i = start
        let last = hay.count - n
        while i <= last {
            if hay[i] == first {
                var j = 1
                while j < n && hay[i + j] == needle[j] { j += 1 }
                if j == n { return i }
            }
            i += 1
        }
        return -1
    }

    /// True when `hay` contains `needle` (`strings.Contains`).
    static func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        index(of: needle, in: hay) >= 0
    }

    static func hasPrefix(_ s: [UInt8], _ prefix: [UInt8]) -> Bool {
        s.count >= prefix.count && s[0..<prefix.count].elementsEqual(prefix)
    }

    static func hasSuffix(_ s: [UInt8], _ suffix: [UInt8]) -> Bool {
        s.count >= suffix.count && s[(s.count - suffix.count)...].elementsEqual(suffix)
    }

    /// Splits around every occurrence of `sep` (`strings.Split`). An empty separator splits
    /// after each rune, and gives no element at all for an empty input.
    static func split(_ s: [UInt8], by sep: [UInt8]) -> [[UInt8]] {
        if sep.isEmpty {
            return runes(s).map { Array(s[$0.start..<$0.end]) }
        }
        var out: [[UInt8]] = []
        var start = 0
        while true {
            let i = index(of: sep, in: s, from: start)
            if i < 0 { break }
            out.append(Array(s[start..<i]))
            start = i + sep.count
        }
        out.append(Array(s[start...]))
        return out
    }

    /// Replaces every non-overlapping occurrence of `old` (`strings.ReplaceAll`). An empty
    /// `old` inserts `new` at the start, between runes and at the end.
    static func replaceAll(_ s: [UInt8], _ old: [UInt8], with new: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        if old.isEmpty {
            out.append(contentsOf: new)
            for r in runes(s) {
                out.append(contentsOf: s[r.start..<r.end])
                out.append(contentsOf: new)
            }
            return out
        }
        var start = 0
        while true {
            let i = index(of: old, in: s, from: start)
            if i < 0 { break }
            out.append(contentsOf: s[start..<i])
            out.append(contentsOf: new)
            start = i + old.count
        }
        out.append(contentsOf: s[start...])
        return out
    }

    /// Go's `unicode.IsSpace`.
    static func isSpace(_ r: UInt32) -> Bool {
        switch r {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            true
        default:
            false
        }
    }

    /// Removes leading and trailing runes for which `drop` holds (`strings.TrimFunc`).
    static func trim(_ s: [UInt8], where drop: (UInt32) -> Bool) -> [UInt8] {
        let rs = runes(s)
        var lo = 0
        while lo < rs.count && drop(rs[lo].scalar) { lo += 1 }
        if lo == rs.count { return [] }
        var hi = rs.count - 1
        while hi > lo && drop(rs[hi].scalar) { hi -= 1 }
        return Array(s[rs[lo].start..<rs[hi].end])
    }

    /// `strings.TrimSpace`.
    static func trimSpace(_ s: [UInt8]) -> [UInt8] {
        trim(s, where: isSpace)
    }

    /// `strings.Trim`: removes leading and trailing runes found in `cutset`.
    static func trim(_ s: [UInt8], cutset: [UInt8]) -> [UInt8] {
        if cutset.isEmpty || s.isEmpty { return s }
        let set = Set(runes(cutset).map(\.scalar))
        return trim(s, where: { set.contains($0) })
    }
}
