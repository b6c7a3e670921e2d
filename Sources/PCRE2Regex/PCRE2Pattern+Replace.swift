extension PCRE2Pattern {
    // MARK: - Replacing

    /// Replaces every match in `s` with `template` expanded for that match (Go's
    /// `ReplaceAllString`): `$1` or `${1}` is a group by number, `$name` or `${name}` a group by
    /// name, `$$` a dollar sign. A reference takes the longest run of letters, digits and `_`,
    /// so `$1x` means the group named `1x`; unknown or unset groups expand to nothing, and a `$`
    /// not followed by a valid reference is kept as is.
    public func replaceAll(in s: String, with template: String) -> String {
        let expansion = Template(template, names: captureNames)
        return withBytes(of: s) { buf in
            String(
                decoding: replaceAll(buffer: buf, groups: expansion.usesGroups, validUTF8: true) { out, m in
                    expansion.append(to: &out, match: m, subject: buf)
                }, as: UTF8.self)
        }
    }

    /// Replaces every match in `bytes` with `template` expanded for that match (Go's `ReplaceAll`).
    public func replaceAll(in bytes: [UInt8], with template: String) -> [UInt8] {
        let expansion = Template(template, names: captureNames)
        return bytes.withUnsafeBufferPointer { buf in
            replaceAll(buffer: buf, groups: expansion.usesGroups, validUTF8: false) { out, m in
                expansion.append(to: &out, match: m, subject: buf)
            }
        }
    }

    /// Replaces every match in `s` with `replacement`, taken literally (Go's `ReplaceAllLiteralString`).
    public func replaceAllLiteral(in s: String, with replacement: String) -> String {
        let r = Array(replacement.utf8)
        return withBytes(of: s) { buf in
            let out = replaceAll(buffer: buf, groups: false, validUTF8: true) { out, _ in out.append(contentsOf: r) }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Replaces every match in `bytes` with `replacement`, taken literally (Go's `ReplaceAllLiteral`).
    public func replaceAllLiteral(in bytes: [UInt8], with replacement: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { buf in
            replaceAll(buffer: buf, groups: false, validUTF8: false) { out, _ in out.append(contentsOf: replacement) }
        }
    }

    /// Replaces every match in `s` with what `replacement` returns for it (Go's
    /// `ReplaceAllStringFunc`, but the closure also sees the groups).
    public func replaceAll(in s: String, using replacement: (Match, String) -> String) -> String {
        withBytes(of: s) { buf in
            String(
                decoding: replaceAll(buffer: buf, groups: true, validUTF8: true) { out, m in
                    out.append(contentsOf: replacement(m, decodeText(buf, m.range)).utf8)
                }, as: UTF8.self)
        }
    }

    /// Go's `Regexp.replaceAll` loop. Note that it steps by the width of the rune at the search
    /// position, not at the end of the match, and skips an empty match right after a match.
    func replaceAll(
        buffer: UnsafeBufferPointer<UInt8>, groups: Bool, validUTF8: Bool, _ replace: (inout [UInt8], Match) -> Void
    ) -> [UInt8] {
        withSearcher(buffer, groups: groups, validUTF8: validUTF8) { searcher in
            var out: [UInt8] = []
            out.reserveCapacity(buffer.count)
            let end = buffer.count
            var lastMatchEnd = 0
            var searchPos = 0
            while searchPos <= end {
                let found: Match?
                if groups {
                    found = searcher.find(from: searchPos)
                } else {
                    found = searcher.findRange(from: searchPos).map { Match(range: $0, groups: [$0]) }
                }
                guard let m = found else { break }
                out.append(contentsOf: buffer[lastMatchEnd..<m.range.lowerBound])
                if m.range.upperBound > lastMatchEnd || m.range.lowerBound == 0 {
                    replace(&out, m)
                }
                lastMatchEnd = m.range.upperBound
                let width = runeWidth(buffer, at: searchPos)
                if searchPos + width > m.range.upperBound {
                    searchPos += width
                } else if searchPos + 1 > m.range.upperBound {
                    searchPos += 1
                } else {
                    searchPos = m.range.upperBound
                }
            }
            out.append(contentsOf: buffer[lastMatchEnd..<end])
            return out
        }
    }

    // MARK: - Splitting

    /// Splits `s` around the matches (Go's `Regexp.Split`): `limit` < 0 gives every piece,
    /// 0 gives none, n > 0 at most n pieces, the last holding the unsplit rest.
    public func split(_ s: String, limit: Int = -1) -> [String] {
        if limit == 0 { return [] }
        if !pattern.isEmpty && s.isEmpty { return [""] }
        return withBytes(of: s) { buf in
            let matches = allRanges(buffer: buf, limit: limit, validUTF8: true)
            var pieces: [String] = []
            var begin = 0
            var end = 0
            func piece(_ r: Range<Int>) -> String { decodeText(buf, r) }
            for m in matches {
                if limit > 0 && pieces.count == limit - 1 { break }
                end = m.lowerBound
                if m.upperBound != 0 { pieces.append(piece(begin..<end)) }
                begin = m.upperBound
            }
            if end != buf.count { pieces.append(piece(begin..<buf.count)) }
            return pieces
        }
    }
}

// MARK: - Templates

/// A replacement template parsed once (Go's `Regexp.Expand` syntax).
struct Template {
    enum Piece {
        case literal([UInt8])
        case group(Int)
        /// A reference by name: the groups with that name, in order; the first one that took
        /// part in the match is used.
        case named([Int])
    }

    var pieces: [Piece] = []
    var usesGroups: Bool { pieces.contains { if case .literal = $0 { false } else { true } } }

    init(_ template: String, names: [String?]) {
        let t = Array(template.unicodeScalars)
        var literal: [UInt8] = []
        var i = 0
        func add(_ c: Unicode.Scalar) { literal.append(contentsOf: String(Character(c)).utf8) }
        while i < t.count {
            guard t[i] == "$" else {
                add(t[i])
                i += 1
                continue
            }
            i += 1
            if i < t.count, t[i] == "$" {
                add("$")
                i += 1
                continue
            }
            guard let (name, next) = Self.extractName(t, from: i) else {
                add("$")  // malformed: the dollar is plain text
                continue
            }
            i = next
            if !literal.isEmpty {
                pieces.append(.literal(literal))
                literal = []
            }
            if let number = Self.number(name) {
                pieces.append(.group(number))
            } else {
                pieces.append(.named(names.indices.filter { names[$0] == name }))
            }
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
    }

    /// Go's `extract`: a name of letters, digits and `_`, optionally in braces.
    private static func extractName(_ t: [Unicode.Scalar], from start: Int) -> (String, Int)? {
        var i = start
        guard i < t.count else { return nil }
        let brace = t[i] == "{"
        if brace { i += 1 }
        let nameStart = i
        while i < t.count, isNameScalar(t[i]) { i += 1 }
        guard i > nameStart else { return nil }
        var name = String.UnicodeScalarView()
        name.append(contentsOf: t[nameStart..<i])
        if brace {
            guard i < t.count, t[i] == "}" else { return nil }
            i += 1
        }
        return (String(name), i)
    }

    private static func isNameScalar(_ c: Unicode.Scalar) -> Bool {
        if c == "_" { return true }
        switch c.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber:
            return true
        default:
            return false
        }
    }

    /// A group number: ASCII digits only, no leading zero, below 10^8 (else the text is a name).
    private static func number(_ name: String) -> Int? {
        var n = 0
        for c in name.unicodeScalars {
            guard c.value >= 0x30 && c.value <= 0x39, n < 100_000_000 else { return nil }
            n = n * 10 + Int(c.value - 0x30)
        }
        if name.utf8.count > 1 && name.utf8.first == 0x30 { return nil }
        return n
    }

    func append(to out: inout [UInt8], match: PCRE2Pattern.Match, subject: UnsafeBufferPointer<UInt8>) {
        for piece in pieces {
            switch piece {
            case .literal(let bytes):
                out.append(contentsOf: bytes)
            case .group(let g):
                if g < match.groups.count, let r = match.groups[g] { out.append(contentsOf: subject[r]) }
            case .named(let candidates):
                for g in candidates where g < match.groups.count {
                    if let r = match.groups[g] {
                        out.append(contentsOf: subject[r])
                        break
                    }
                }
            }
        }
    }
}
