/// Checks a pattern written in Go's RE2 syntax and rewrites it as an equivalent PCRE2 pattern.
///
/// The scan follows the order of Go's `regexp/syntax` parser so that the first error found, its
/// wording and the quoted expression are the ones Go reports. Everything it accepts is re-emitted
/// in a canonical, fully escaped form, which keeps PCRE2 extensions (backreferences, lookaround,
/// possessive quantifiers, `\K`, verbs, …) out of reach and papers over the places where the two
/// dialects read the same text differently:
/// - `\s` is `[\t\n\f\r ]` in Go but also matches `\v` in PCRE2;
/// - `\v` is a vertical tab in Go but a class in PCRE2;
/// - `\12` is always octal in Go but may be a backreference in PCRE2;
/// - group names may start with a digit in Go, and may repeat (names are kept here; in the
///   PCRE2 pattern, Go's group k is named `Gk`);
/// - Go allows quantified assertions such as `^*`;
/// - Go drops a loop iteration that matches the empty string, where PCRE2 accepts it and leaves
///   the loop (except for the first iteration). Loops whose body can match empty get marker
///   groups and a callout that rejects such iterations (see `cpcre2_drop_empty_iteration`).
struct GoSyntaxTranslator {
    /// A loop that drops empty iterations: the names of its marker groups.
    struct Loop {
        var iterationMarker: String
        var loopMarker: String?
    }

    /// The result of a translation.
    struct Output {
        /// The PCRE2 pattern text.
        var pcre: [UInt8]
        /// Go's group names by Go group number; index 0 (the whole match) is always `nil`.
        var names: [String?]
        /// Callout number n (from 1) belongs to `loops[n - 1]`.
        var loops: [Loop]
    }

    /// The PCRE2 pattern text.
    private(set) var output: [UInt8] = []
    /// Group names by group number; index 0 (the whole match) is always `nil`.
    private(set) var names: [String?] = [nil]
    private(set) var loops: [Loop] = []
    /// PCRE2 callout numbers stop at 255; later loops keep PCRE2's behaviour.
    private static let maxLoops = 255

    private let src: [Unicode.Scalar]
    private var frames: [Frame] = [Frame(outputStart: 0, caseless: false)]
    /// Flag groups such as `(?i)` wait here until the next atom, so that a quantifier that
    /// follows them (Go applies it to the atom before) can still be placed right after that atom.
    private var pendingFlags = ""

    /// The most nested repetition product Go allows (`maxRepeat`).
    private static let maxRepeat = 1000
    /// Go's `maxHeight`, approximated here by group depth.
    private static let maxDepth = 1000

    private struct Atom {
        var outputStart: Int
        /// The largest product of counted repetitions along any path inside the atom (Go's
        /// `repeatIsValid` bound), at least 1.
        var weight: Int
        var isAssertion: Bool
        /// Whether the atom can match the empty string.
        var nullable: Bool
    }

    private struct Frame {
        var outputStart: Int
        /// Whether `(?i)` is in force (Go folds `\p{Lu}` under it; PCRE2 does not).
        var caseless: Bool
        var maxWeight = 1
        var lastAtom: Atom?
        /// Whether every atom of the current alternative so far can match empty.
        var alternativeNullable = true
        /// Whether an earlier alternative can match empty.
        var someAlternativeNullable = false

        mutating func finishAtom() {
            if let atom = lastAtom {
                maxWeight = max(maxWeight, atom.weight)
                alternativeNullable = alternativeNullable && atom.nullable
            }
            lastAtom = nil
        }

        mutating func finishAlternative() {
            finishAtom()
            someAlternativeNullable = someAlternativeNullable || alternativeNullable
            alternativeNullable = true
        }

        var nullable: Bool { someAlternativeNullable || alternativeNullable }
    }

    /// Translates `pattern`, or throws the error Go would report for it.
    static func translate(_ pattern: String) throws(RegexError) -> Output {
        var t = GoSyntaxTranslator(src: Array(pattern.unicodeScalars))
        try t.run()
        return Output(pcre: t.output, names: t.names, loops: t.loops)
    }

    private init(src: [Unicode.Scalar]) {
        self.src = src
        output.reserveCapacity(src.count * 2)
    }

    // MARK: - Main loop

    private mutating func run() throws(RegexError) {
        var i = 0
        let n = src.count
        var lastRepeat: Int? = nil
        while i < n {
            var repeatStart: Int? = nil
            switch src[i] {
            case "(":
                if i + 1 < n, src[i + 1] == "?" {
                    i = try parsePerlFlags(i)
                } else {
                    names.append(nil)
                    try openGroup(prefix: "(?<G\(names.count - 1)>")
                    i += 1
                }
            case "|":
                frames[frames.count - 1].finishAlternative()
                flushFlags()
                emit("|")
                i += 1
            case ")":
                guard frames.count > 1 else { throw RegexError(.unexpectedParen, text(0, n)) }
                flushFlags()
                emit(")")
                var frame = frames.removeLast()
                frame.finishAlternative()
                frames[frames.count - 1].lastAtom = Atom(
                    outputStart: frame.outputStart, weight: frame.maxWeight, isAssertion: false,
                    nullable: frame.nullable)
                i += 1
            case "^":
                beginAtom(assertion: true)
                emit("^")
                i += 1
            case "$":
                beginAtom(assertion: true)
                emit("$")
                i += 1
            case ".":
                beginAtom()
                emit(".")
                i += 1
            case "[":
                i = try parseClass(i)
            case "*", "+", "?":
                let start = i
                i = try applyRepeat(String(src[i]), counted: nil, before: i, after: i + 1, lastRepeat: lastRepeat)
                repeatStart = start
            case "{":
                if let (lo, hi, after) = parseRepeat(i) {
                    if lo < 0 || lo > Self.maxRepeat || hi > Self.maxRepeat || (hi >= 0 && lo > hi) {
                        throw RegexError(.invalidRepeatSize, text(i, after))
                    }
                    let op = hi == lo ? "{\(lo)}" : hi < 0 ? "{\(lo),}" : "{\(lo),\(hi)}"
                    let start = i
                    i = try applyRepeat(op, counted: (lo, hi), before: i, after: after, lastRepeat: lastRepeat)
                    repeatStart = start
                } else {
                    beginAtom()
                    emit("\\{")
                    i += 1
                }
            case "\\":
                i = try parseBackslash(i)
            default:
                beginAtom()
                emitLiteral(src[i])
                i += 1
            }
            lastRepeat = repeatStart
        }
        guard frames.count == 1 else { throw RegexError(.missingParen, text(0, n)) }
        flushFlags()
    }

    // MARK: - Emission

    private mutating func emit(_ s: String) { output.append(contentsOf: s.utf8) }

    private mutating func flushFlags() {
        if !pendingFlags.isEmpty {
            emit(pendingFlags)
            pendingFlags = ""
        }
    }

    /// Starts a new atom in the current frame and returns nothing; the atom's text follows.
    private mutating func beginAtom(assertion: Bool = false, weight: Int = 1) {
        frames[frames.count - 1].finishAtom()
        flushFlags()
        frames[frames.count - 1].lastAtom = Atom(
            outputStart: output.count, weight: weight, isAssertion: assertion, nullable: assertion)
    }

    private mutating func openGroup(prefix: String, caseless: Bool? = nil) throws(RegexError) {
        beginAtom()
        if frames.count >= Self.maxDepth { throw RegexError(.nestingDepth, text(0, src.count)) }
        frames.append(Frame(outputStart: output.count, caseless: caseless ?? frames[frames.count - 1].caseless))
        emit(prefix)
        // The atom for this group is recorded when it closes, with its start at the prefix.
        frames[frames.count - 2].lastAtom = nil
    }

    private mutating func emitLiteral(_ c: Unicode.Scalar) { emitLiteral(c.value) }

    private mutating func emitLiteral(_ c: UInt32) {
        if (0xD800...0xDFFF).contains(c) {
            // Only reachable through `\x{D800}`: such a rune never occurs in decoded input.
            emit("(?:(?!))")
        } else {
            emit(Self.literal(c))
        }
    }

    /// A PCRE2 spelling of one code point that means that code point in any context.
    static func literal(_ v: UInt32) -> String {
        if v < 0x80, let s = Unicode.Scalar(v) {
            if isASCIIAlnum(s) { return String(Character(s)) }
            if v >= 0x20 && v < 0x7F { return "\\" + String(Character(s)) }
        }
        return "\\x{" + String(v, radix: 16, uppercase: true) + "}"
    }

    private func text(_ from: Int, _ to: Int) -> String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: src[max(0, from)..<min(to, src.count)])
        return String(s)
    }

    // MARK: - Repetition

    /// Applies a quantifier to the last atom, as Go's `parser.repeat` does, and returns the index
    /// after it.
    private mutating func applyRepeat(
        _ op: String, counted: (Int, Int)?, before: Int, after afterOp: Int, lastRepeat: Int?
    ) throws(RegexError) -> Int {
        var after = afterOp
        var lazy = false
        if after < src.count, src[after] == "?" {
            lazy = true
            after += 1
        }
        if let last = lastRepeat { throw RegexError(.invalidRepeatOp, text(last, after)) }
        let f = frames.count - 1
        guard var atom = frames[f].lastAtom else { throw RegexError(.missingRepeatArgument, text(before, after)) }
        if let (lo, hi) = counted {
            // Go's repeatIsValid: along any path, the product of counted repeats is at most 1000
            // (a `{0}` counts as 1: its contents are not checked).
            let factor = hi < 0 ? lo : hi
            if hi == 0 {
                atom.weight = 1
            } else if factor > 0 {
                let product = factor * atom.weight
                if (lo >= 2 || hi >= 2) && product > Self.maxRepeat {
                    throw RegexError(.invalidRepeatSize, text(before, after))
                }
                atom.weight = min(product, Self.maxRepeat + 1)
            }
        }
        let minimum = counted?.0 ?? (op == "+" ? 1 : 0)
        let unbounded = counted.map { $0.1 < 0 } ?? (op != "?")
        if unbounded && minimum <= 1 && atom.nullable && !atom.isAssertion && loops.count < Self.maxLoops {
            // Go compiles such a loop as (x+)?: the first iteration may match empty, a later
            // empty iteration is dropped. The callout rejects an iteration that starts and ends
            // at the same place unless that place is where the loop started.
            let id = loops.count + 1
            let iteration = "M\(id)"
            let loop = "L\(id)"
            let prefix = "(?<\(loop)>)(?:(?<\(iteration)>)"
            output.insert(contentsOf: prefix.utf8, at: atom.outputStart)
            emit("(?C\(id)))")
            loops.append(Loop(iterationMarker: iteration, loopMarker: loop))
        }
        if minimum == 0 { atom.nullable = true }
        if let (_, hi) = counted, hi == 0 {
            // `x{0}` matches the empty string and never runs x, whose groups stay unset. PCRE2
            // 10.42 mis-reads `(?:a|\A){0}.` as anchored, so spell it as a group that cannot match.
            output.insert(contentsOf: "(?:(?!)".utf8, at: atom.outputStart)
            emit(")?")
            atom.isAssertion = false
            frames[f].lastAtom = atom
            return after
        }
        if atom.isAssertion {
            output.insert(contentsOf: "(?:".utf8, at: atom.outputStart)
            emit(")")
            atom.isAssertion = false
        }
        emit(op)
        if lazy { emit("?") }
        frames[f].lastAtom = atom
        return after
    }

    /// Parses `{min}`, `{min,}` or `{min,max}` at `i`. Returns nil when the text is not a repeat
    /// (then `{` is a literal), and `min == -1` when a number is too large.
    private func parseRepeat(_ i: Int) -> (Int, Int, Int)? {
        var j = i + 1
        guard let (lo, afterLo) = parseInt(j) else { return nil }
        j = afterLo
        guard j < src.count else { return nil }
        var min = lo
        var max = lo
        if src[j] == "," {
            j += 1
            guard j < src.count else { return nil }
            if src[j] == "}" {
                max = -1
            } else {
                guard let (hi, afterHi) = parseInt(j) else { return nil }
                j = afterHi
                max = hi
                if hi < 0 { min = -1 }
            }
        }
        guard j < src.count, src[j] == "}" else { return nil }
        return (min, max, j + 1)
    }

    /// A decimal number without leading zeros; -1 when it is too large.
    private func parseInt(_ i: Int) -> (Int, Int)? {
        guard i < src.count, isDigit(src[i]) else { return nil }
        if i + 1 < src.count, src[i] == "0", isDigit(src[i + 1]) { return nil }
        var j = i
        var n = 0
        while j < src.count, isDigit(src[j]) {
            if n >= 100_000_000 {
                n = -1
            } else if n >= 0 {
                n = n * 10 + Int(src[j].value - 48)
            }
            j += 1
        }
        return (n, j)
    }

    // MARK: - Groups and flags

    /// Parses what follows `(?`: a named group, a non-capturing group or a flag change.
    private mutating func parsePerlFlags(_ i: Int) throws(RegexError) -> Int {
        let n = src.count
        let startsWithP = n - i > 4 && src[i + 2] == "P" && src[i + 3] == "<"
        let startsWithName = n - i > 3 && src[i + 2] == "<"
        if startsWithP || startsWithName {
            let nameStart = i + (startsWithP ? 4 : 3)
            guard let end = src[i...].firstIndex(of: ">") else {
                throw RegexError(.invalidNamedCapture, text(i, n))
            }
            let name = text(nameStart, end)
            guard !name.isEmpty, name.unicodeScalars.allSatisfy({ $0 == "_" || isASCIIAlnum($0) }) else {
                throw RegexError(.invalidNamedCapture, text(i, end + 1))
            }
            names.append(name)
            try openGroup(prefix: "(?<G\(names.count - 1)>")
            return end + 1
        }

        var j = i + 2
        var flags = ""
        var negated = false
        var sawFlag = false
        var caseless = frames[frames.count - 1].caseless
        while j < n {
            let c = src[j]
            j += 1
            switch c {
            case "i", "m", "s", "U":
                flags.unicodeScalars.append(c)
                sawFlag = true
                if c == "i" { caseless = !negated }
            case "-":
                if negated { throw RegexError(.invalidPerlOp, text(i, j)) }
                negated = true
                sawFlag = false
                flags += "-"
            case ":", ")":
                if negated && !sawFlag { throw RegexError(.invalidPerlOp, text(i, j)) }
                if c == ":" {
                    try openGroup(prefix: "(?" + flags + ":", caseless: caseless)
                } else {
                    if !flags.isEmpty { pendingFlags += "(?" + flags + ")" }
                    frames[frames.count - 1].caseless = caseless
                }
                return j
            default:
                throw RegexError(.invalidPerlOp, text(i, j))
            }
        }
        throw RegexError(.invalidPerlOp, text(i, j))
    }

    // MARK: - Escapes

    /// Parses a backslash sequence outside a class and returns the index after it.
    private mutating func parseBackslash(_ i: Int) throws(RegexError) -> Int {
        let n = src.count
        if i + 1 < n {
            switch src[i + 1] {
            case "A", "b", "B", "z":
                beginAtom(assertion: true)
                emit("\\" + String(Character(src[i + 1])))
                return i + 2
            case "C":
                throw RegexError(.invalidEscape, text(i, i + 2))
            case "Q":
                var j = i + 2
                while j < n {
                    if src[j] == "\\", j + 1 < n, src[j + 1] == "E" { return j + 2 }
                    beginAtom()
                    emitLiteral(src[j])
                    j += 1
                }
                return j
            case "p", "P":
                let (body, next) = try parseUnicodeClass(i)
                beginAtom()
                emit("[" + body + "]")
                return next
            default:
                if let body = Self.perlClass(src[i + 1]) {
                    beginAtom()
                    emit("[" + body + "]")
                    return i + 2
                }
            }
        }
        let (r, next) = try parseEscape(i)
        beginAtom()
        emitLiteral(r)
        return next
    }

    /// Go's Perl classes as class bodies (`\d` is ASCII; `\s` leaves out `\v`).
    static func perlClass(_ c: Unicode.Scalar) -> String? {
        switch c {
        case "d": "\\d"
        case "D": "\\D"
        case "w": "\\w"
        case "W": "\\W"
        case "s": "\\x{9}\\x{A}\\x{C}\\x{D}\\x{20}"
        case "S": "\\x{0}-\\x{8}\\x{B}\\x{E}-\\x{1F}\\x{21}-\\x{10FFFF}"
        default: nil
        }
    }

    /// Parses a single-character escape (Go's `parseEscape`) and returns the code point.
    private func parseEscape(_ i: Int) throws(RegexError) -> (UInt32, Int) {
        let n = src.count
        var j = i + 1
        guard j < n else { throw RegexError(.trailingBackslash, "") }
        let c = src[j]
        j += 1
        switch c {
        case "1", "2", "3", "4", "5", "6", "7", "0":
            // A lone non-zero digit would be a backreference, which Go does not support.
            if c != "0" && (j >= n || !isOctal(src[j])) { break }
            var r = c.value - 48
            var k = 1
            while k < 3, j < n, isOctal(src[j]) {
                r = r * 8 + (src[j].value - 48)
                j += 1
                k += 1
            }
            return (r, j)
        case "x":
            guard j < n else { break }
            let d = src[j]
            j += 1
            if d == "{" {
                var r: UInt32 = 0
                var digits = 0
                while true {
                    guard j < n else { throw RegexError(.invalidEscape, text(i, j)) }
                    let h = src[j]
                    j += 1
                    if h == "}" { break }
                    guard let v = hexValue(h) else { throw RegexError(.invalidEscape, text(i, j)) }
                    r = r * 16 + v
                    if r > 0x10FFFF { throw RegexError(.invalidEscape, text(i, j)) }
                    digits += 1
                }
                guard digits > 0 else { break }
                return (r, j)
            }
            let e: Unicode.Scalar? = j < n ? src[j] : nil
            if e != nil { j += 1 }
            guard let x = hexValue(d), let e, let y = hexValue(e) else { break }
            return (x * 16 + y, j)
        case "a": return (0x07, j)
        case "f": return (0x0C, j)
        case "n": return (0x0A, j)
        case "r": return (0x0D, j)
        case "t": return (0x09, j)
        case "v": return (0x0B, j)
        default:
            if c.value < 0x80 && !isASCIIAlnum(c) { return (c.value, j) }
        }
        throw RegexError(.invalidEscape, text(i, j))
    }

    // MARK: - Classes

    /// Parses `[...]` at `i` (Go's `parseClass`), emits it and returns the index after it.
    private mutating func parseClass(_ i: Int) throws(RegexError) -> Int {
        let n = src.count
        var t = i + 1
        var negated = false
        if t < n, src[t] == "^" {
            negated = true
            t += 1
        }
        var body = ""
        var first = true
        while t >= n || src[t] != "]" || first {
            first = false
            if n - t > 2, src[t] == "[", src[t + 1] == ":" {
                if let close = findColonBracket(from: t + 2) {
                    let name = text(t, close + 2)
                    guard Self.posixClasses.contains(name) else { throw RegexError(.invalidCharRange, name) }
                    body += name
                    t = close + 2
                    continue
                }
            }
            if t + 1 < n, src[t] == "\\", src[t + 1] == "p" || src[t + 1] == "P" {
                let (item, next) = try parseUnicodeClass(t)
                body += item
                t = next
                continue
            }
            if t + 1 < n, src[t] == "\\", let item = Self.perlClass(src[t + 1]) {
                body += item
                t += 2
                continue
            }
            let rangeStart = t
            let (lo, afterLo) = try parseClassChar(t, classStart: i)
            t = afterLo
            var hi = lo
            if n - t >= 2, src[t] == "-", src[t + 1] != "]" {
                let (h, afterHi) = try parseClassChar(t + 1, classStart: i)
                t = afterHi
                hi = h
                if hi < lo { throw RegexError(.invalidCharRange, text(rangeStart, t)) }
            }
            body += Self.classRange(lo, hi)
        }
        t += 1
        beginAtom()
        if body.isEmpty {
            // Only surrogates were listed: nothing can match them (or, negated, anything can).
            emit(negated ? "[\\x{0}-\\x{10FFFF}]" : "(?:(?!))")
        } else {
            emit("[" + (negated ? "^" : "") + body + "]")
        }
        return t
    }

    private func parseClassChar(_ t: Int, classStart: Int) throws(RegexError) -> (UInt32, Int) {
        guard t < src.count else { throw RegexError(.missingBracket, text(classStart, src.count)) }
        if src[t] == "\\" { return try parseEscape(t) }
        return (src[t].value, t + 1)
    }

    private func findColonBracket(from start: Int) -> Int? {
        var k = start
        while k + 1 < src.count {
            if src[k] == ":", src[k + 1] == "]" { return k }
            k += 1
        }
        return nil
    }

    /// A class item for `lo-hi`, leaving out surrogates (they never match decoded input).
    static func classRange(_ lo: UInt32, _ hi: UInt32) -> String {
        var lo = lo
        var hi = hi
        if (0xD800...0xDFFF).contains(lo) { lo = 0xE000 }
        if (0xD800...0xDFFF).contains(hi) { hi = 0xD7FF }
        if lo < 0xD800 && hi > 0xDFFF {
            return literal(lo) + "-" + literal(0xD7FF) + literal(0xE000) + "-" + literal(hi)
        }
        if lo > hi { return "" }
        return lo == hi ? literal(lo) : literal(lo) + "-" + literal(hi)
    }

    static let posixClasses: Set<String> = {
        let names = [
            "alnum", "alpha", "ascii", "blank", "cntrl", "digit", "graph", "lower", "print", "punct", "space",
            "upper", "word", "xdigit",
        ]
        return Set(names.flatMap { ["[:\($0):]", "[:^\($0):]"] })
    }()

    /// Parses `\pL`, `\p{Name}`, `\P{^Name}` at `i` (Go's `parseUnicodeClass`) and returns a
    /// class body for it.
    private func parseUnicodeClass(_ i: Int) throws(RegexError) -> (String, Int) {
        let n = src.count
        var positive = src[i + 1] == "p"
        var j = i + 2
        let seqEnd: Int
        var name: String
        if j >= n {
            throw RegexError(.invalidCharRange, text(i, j))
        } else if src[j] != "{" {
            j += 1
            seqEnd = j
            name = text(j - 1, j)
        } else {
            guard let end = src[i...].firstIndex(of: "}") else { throw RegexError(.invalidCharRange, text(i, n)) }
            seqEnd = end + 1
            name = text(i + 3, end)
            j = end + 1
        }
        if name.hasPrefix("^") {
            positive.toggle()
            name.removeFirst()
        }
        guard let body = UnicodeClasses.body(for: name, positive: positive, caseless: frames[frames.count - 1].caseless)
        else {
            throw RegexError(.invalidCharRange, text(i, seqEnd))
        }
        return (body, j)
    }
}

// MARK: - Character tests

func isASCIIAlnum(_ c: Unicode.Scalar) -> Bool {
    switch c.value {
    case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
    default: false
    }
}

private func isDigit(_ c: Unicode.Scalar) -> Bool { (0x30...0x39).contains(c.value) }
private func isOctal(_ c: Unicode.Scalar) -> Bool { (0x30...0x37).contains(c.value) }

private func hexValue(_ c: Unicode.Scalar) -> UInt32? {
    switch c.value {
    case 0x30...0x39: c.value - 0x30
    case 0x41...0x46: c.value - 0x41 + 10
    case 0x61...0x66: c.value - 0x61 + 10
    default: nil
    }
}
