extension PCRE2Pattern {
    /// One match: the ranges of the whole match and of each group, as UTF-8 byte offsets.
    public struct Match: Sendable, Equatable {
        /// The whole match.
        public var range: Range<Int>
        /// One entry per group, index 0 being the whole match; `nil` for a group that did not
        /// take part in the match.
        public var groups: [Range<Int>?]

        public init(range: Range<Int>, groups: [Range<Int>?]) {
            self.range = range
            self.groups = groups
        }

        /// The text of `group` in `subject` (the string the match was found in), or nil when the
        /// group did not take part.
        public func string(_ group: Int = 0, in subject: String) -> String? {
            guard group >= 0, group < groups.count, let r = groups[group] else { return nil }
            return subject.utf8Slice(r)
        }

        /// The bytes of `group` in `subject` (the bytes the match was found in), or nil when the
        /// group did not take part.
        public func bytes(_ group: Int = 0, in subject: [UInt8]) -> [UInt8]? {
            guard group >= 0, group < groups.count, let r = groups[group], r.upperBound <= subject.count else {
                return nil
            }
            return Array(subject[r])
        }
    }

    // MARK: - Finding

    /// True when the pattern matches anywhere in `s` (Go's `MatchString`).
    public func matches(_ s: String) -> Bool {
        withBytes(of: s) { matches(buffer: $0, validUTF8: true) }
    }

    /// True when the pattern matches anywhere in `bytes` (Go's `Match`).
    public func matches(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { matches(buffer: $0, validUTF8: false) }
    }

    /// The leftmost-first match in `s` with its groups (Go's `FindStringSubmatchIndex`).
    public func firstMatch(in s: String) -> Match? {
        withBytes(of: s) { buf in withSearcher(buf, groups: true, validUTF8: true) { $0.find(from: 0) } }
    }

    /// The leftmost-first match in `bytes` with its groups (Go's `FindSubmatchIndex`).
    public func firstMatch(in bytes: [UInt8]) -> Match? {
        bytes.withUnsafeBufferPointer { buf in withSearcher(buf, groups: true, validUTF8: false) { $0.find(from: 0) } }
    }

    /// Successive non-overlapping matches in `s`, at most `limit` of them when `limit` is not
    /// negative (Go's `FindAllStringSubmatchIndex`). An empty match right after a previous match
    /// is skipped, as Go does.
    public func allMatches(in s: String, limit: Int = -1) -> [Match] {
        withBytes(of: s) { allMatches(buffer: $0, limit: limit, validUTF8: true) }
    }

    /// Successive non-overlapping matches in `bytes` (Go's `FindAllSubmatchIndex`).
    public func allMatches(in bytes: [UInt8], limit: Int = -1) -> [Match] {
        bytes.withUnsafeBufferPointer { allMatches(buffer: $0, limit: limit, validUTF8: false) }
    }

    /// The text of each successive match in `s` (Go's `FindAllString`).
    public func allMatchStrings(in s: String, limit: Int = -1) -> [String] {
        withBytes(of: s) { buf in
            allRanges(buffer: buf, limit: limit, validUTF8: true).map { decodeText(buf, $0) }
        }
    }

    /// The text of each group of each successive match in `s`, `nil` for groups that did not
    /// take part (Go's `FindAllStringSubmatch`, where those are empty strings).
    public func allSubmatchStrings(in s: String, limit: Int = -1) -> [[String?]] {
        withBytes(of: s) { buf in
            allMatches(buffer: buf, limit: limit, validUTF8: true).map { m in
                m.groups.map { r in r.map { decodeText(buf, $0) } }
            }
        }
    }

    /// The text of each group of the first match in `s` (Go's `FindStringSubmatch`).
    public func firstSubmatchStrings(in s: String) -> [String?]? {
        withBytes(of: s) { buf in
            withSearcher(buf, groups: true, validUTF8: true) { $0.find(from: 0) }.map { m in
                m.groups.map { r in r.map { decodeText(buf, $0) } }
            }
        }
    }

    // MARK: - Buffer implementations

    func matches(buffer: UnsafeBufferPointer<UInt8>, validUTF8: Bool) -> Bool {
        withSearcher(buffer, groups: false, validUTF8: validUTF8) { $0.findRange(from: 0) != nil }
    }

    func allMatches(buffer: UnsafeBufferPointer<UInt8>, limit: Int, validUTF8: Bool) -> [Match] {
        withSearcher(buffer, groups: true, validUTF8: validUTF8) { searcher in
            var out: [Match] = []
            forEachMatch(buffer, limit: limit, next: { searcher.find(from: $0) }, range: { $0.range }) {
                out.append($0)
            }
            return out
        }
    }

    func allRanges(buffer: UnsafeBufferPointer<UInt8>, limit: Int, validUTF8: Bool) -> [Range<Int>] {
        withSearcher(buffer, groups: false, validUTF8: validUTF8) { searcher in
            var out: [Range<Int>] = []
            forEachMatch(buffer, limit: limit, next: { searcher.findRange(from: $0) }, range: { $0 }) {
                out.append($0)
            }
            return out
        }
    }

    /// Go's `Regexp.allMatches` loop: search from `pos`; after an empty match step one rune; drop
    /// an empty match that starts where the previous match ended.
    private func forEachMatch<M>(
        _ buffer: UnsafeBufferPointer<UInt8>, limit: Int, next: (Int) -> M?, range: (M) -> Range<Int>,
        deliver: (M) -> Void
    ) {
        let end = buffer.count
        let n = limit < 0 ? end + 1 : limit
        var delivered = 0
        var pos = 0
        var prevMatchEnd = -1
        while delivered < n && pos <= end {
            guard let m = next(pos) else { break }
            let r = range(m)
            var accept = true
            if r.upperBound == pos {
                if r.lowerBound == prevMatchEnd { accept = false }
                let width = runeWidth(buffer, at: pos)
                pos = width > 0 ? pos + width : end + 1
            } else {
                pos = r.upperBound
            }
            prevMatchEnd = r.upperBound
            if accept {
                deliver(m)
                delivered += 1
            }
        }
    }
}

/// The text of `range` in `buffer` (invalid UTF-8 is repaired).
func decodeText(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self)
}

extension String {
    /// The text between two UTF-8 offsets of this string.
    func utf8Slice(_ r: Range<Int>) -> String? {
        let u = utf8
        guard r.lowerBound >= 0, let lo = u.index(u.startIndex, offsetBy: r.lowerBound, limitedBy: u.endIndex),
            let hi = u.index(lo, offsetBy: r.count, limitedBy: u.endIndex)
        else { return nil }
        return String(decoding: u[lo..<hi], as: UTF8.self)
    }
}
