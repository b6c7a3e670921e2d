/// Case conversions with the results of Go's `strings.ToUpper`/`ToLower` (simple, one rune
/// to one rune mappings) and of `cases.Title(language.English)` from golang.org/x/text.
enum GoCaseMapping {
    /// `strings.ToUpper`: every rune to its simple upper-case mapping.
    static func upper(_ s: [UInt8]) -> [UInt8] {
        map(s, ascii: { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }) { simple($0.properties.uppercaseMapping, $0) }
    }

    /// `strings.ToLower`: every rune to its simple lower-case mapping.
    static func lower(_ s: [UInt8]) -> [UInt8] {
        map(s, ascii: { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }) { scalar in
            // The full mapping of U+0130 adds a combining dot; the simple mapping is plain `i`.
            if scalar.value == 0x130 { return "i" }
            return simple(scalar.properties.lowercaseMapping, scalar)
        }
    }

    /// Title case as golang.org/x/text does for English: the first cased letter of each word
    /// takes its title-case form and the rest of the word is lower-cased.
    ///
    /// Words follow x/text's approximation of Unicode word breaking: letters, digits,
    /// combining marks and connector punctuation never break a word, a single "mid" rune
    /// (apostrophe, full stop, colon, format characters) does not break it but two in a row
    /// do, and anything else breaks.
    static func title(_ s: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        let rs = GoBytes.runes(s)
        var midWord = false
        var previousWasMid = false
        for (index, r) in rs.enumerated() {
            guard let scalar = Unicode.Scalar(r.scalar), !(r.scalar == 0xFFFD && r.end - r.start == 1) else {
                out.append(contentsOf: s[r.start..<r.end])
                midWord = false
                previousWasMid = false
                continue
            }
            let kind = wordKind(scalar)
            if previousWasMid && kind == .mid { midWord = false }
            if scalar.properties.isCased {
                if !midWord {
                    out.append(contentsOf: scalar.properties.titlecaseMapping.utf8)
                    midWord = true
                } else if scalar.value == 0x3A3 {
                    out.append(contentsOf: (finalSigma(rs, after: index) ? "ς" : "σ").utf8)
                } else {
                    out.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
                }
            } else {
                out.append(contentsOf: s[r.start..<r.end])
                if kind == .breaking { midWord = false }
            }
            previousWasMid = kind == .mid
        }
        return out
    }

    // MARK: - Helpers

    private enum WordKind { case letter, mid, breaking }

    private static func wordKind(_ scalar: Unicode.Scalar) -> WordKind {
        switch scalar.value {
        case 0x27, 0x2E, 0x3A, 0xB7, 0x387, 0x5F4, 0x2018, 0x2019, 0x2024, 0x2027, 0xFE13, 0xFE52, 0xFE55, 0xFF07,
            0xFF0E, 0xFF1A:
            return .mid
        default:
            break
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark,
            .connectorPunctuation:
            return .letter
        case .format:
            return .mid
        default:
            return .breaking
        }
    }

    /// True when a capital sigma at `index` ends its word: no cased letter follows it
    /// after skipping case-ignorable runes.
    private static func finalSigma(_ rs: [(scalar: UInt32, start: Int, end: Int)], after index: Int) -> Bool {
        var i = index + 1
        while i < rs.count, let s = Unicode.Scalar(rs[i].scalar), s.properties.isCaseIgnorable { i += 1 }
        guard i < rs.count, let s = Unicode.Scalar(rs[i].scalar) else { return true }
        return !s.properties.isCased
    }

    private static func simple(_ mapping: String, _ scalar: Unicode.Scalar) -> String {
        let scalars = mapping.unicodeScalars
        if scalars.count == 1 { return mapping }
        return String(Character(scalar))
    }

    private static func map(_ s: [UInt8], ascii: (UInt8) -> UInt8, _ f: (Unicode.Scalar) -> String) -> [UInt8] {
        if !s.contains(where: { $0 >= 0x80 }) { return s.map(ascii) }
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        for r in GoBytes.runes(s) {
            if let scalar = Unicode.Scalar(r.scalar), !(r.scalar == 0xFFFD && r.end - r.start == 1) {
                out.append(contentsOf: f(scalar).utf8)
            } else {
                out.append(contentsOf: s[r.start..<r.end])
            }
        }
        return out
    }
}
