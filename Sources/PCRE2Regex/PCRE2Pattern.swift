import CPCRE2

/// A regular expression in Go's RE2 syntax, compiled once with PCRE2 and matched with Go's
/// `regexp` semantics (as Benthos uses them).
///
/// - Syntax: Go's. PCRE2-only constructs (backreferences, lookaround, possessive quantifiers,
///   `\K`, verbs, …) are rejected with Go's error text.
/// - Matching: leftmost-first, UTF-8. `\d`, `\w`, `\s`, `\b` and POSIX classes are ASCII, as in Go.
///   `$` without `(?m)` matches only at the very end of the text. A loop iteration that matches
///   the empty string is dropped, as in Go. Invalid UTF-8 in a byte subject reads as U+FFFD, one
///   byte at a time, as in Go.
/// - Offsets: every range is a range of UTF-8 byte offsets into the subject.
/// - Known differences from Go: PCRE2 backtracks, so a pathological pattern can hit PCRE2's match
///   or memory limit, which is reported as no match (Go runs in linear time); Go drops every
///   revisit of a parser state without consuming input, of which only the empty loop iteration
///   is reproduced; `(?i)` does not add case variants to `\W`, `\p{Greek}` and similar classes.
///

/// The compiled code is read-only after `init` and PCRE2 allows it to be shared between
/// threads; each call allocates its own match data, so instances are safe to share.
public final class PCRE2Pattern: @unchecked Sendable {
    /// The pattern as written, in Go syntax.
    public let pattern: String
    /// Group names by group number (Go's `SubexpNames`): index 0 is the whole match, and unnamed
    /// groups are `nil`.
    public let captureNames: [String?]
    /// The PCRE2 pattern that `pattern` was rewritten to (for diagnostics).
    public let translatedPattern: String

    /// The number of capture groups, not counting the whole match (Go's `NumSubexp`).
    public var captureCount: Int { captureNames.count - 1 }

    private let code: OpaquePointer
    /// PCRE2's group number for each Go group number (index 0 is the whole match).
    private let groupNumbers: [Int]
    /// How many ovector pairs a match with all groups needs.
    private let pairCount: Int
    /// Match settings shared by every call (read-only once built): the heap limit, and the
    /// callout that drops empty loop iterations when the pattern needs it.
    private let matchContext: OpaquePointer?
    /// The callout's table (see `cpcre2_drop_empty_iteration`), when the pattern has such loops.
    private let calloutTable: UnsafeMutablePointer<Int32>?

    /// The interpreter's backtracking memory cap, in KiB. PCRE2's default (20 GB) lets a
    /// pathological pattern exhaust the machine; hitting the cap counts as no match.
    static let heapLimitKiB: UInt32 = 256 * 1024
    /// The JIT stack used when the default one (32 KiB) is too small for a subject.
    static let largeJITStack = (start: 256 * 1024, max: 64 * 1024 * 1024)

    static let compileOptions: UInt32 =
        PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_DOLLAR_ENDONLY | PCRE2_ALT_CIRCUMFLEX | PCRE2_NEVER_UCP
        | PCRE2_NEVER_BACKSLASH_C

    /// Compiles `pattern`, written in Go's RE2 syntax.
    /// - Throws: `RegexError` with Go's message when the pattern is not valid RE2.
    public init(_ pattern: String) throws(RegexError) {
        let translation = try GoSyntaxTranslator.translate(pattern)
        let code: OpaquePointer
        switch Self.compile(translation.pcre) {
        case .success(let compiled):
            code = compiled
        case .failure(let failure):
            throw RegexError(.engine, pattern, detail: failure.message)
        }
        let numbers = Self.groupNumbersByName(code)
        self.code = code
        self.pattern = pattern
        self.captureNames = translation.names
        self.translatedPattern = String(decoding: translation.pcre, as: UTF8.self)
        self.groupNumbers = [0] + (1..<translation.names.count).map { numbers["G\($0)"] ?? 0 }
        var captures: UInt32 = 0
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_CAPTURECOUNT), &captures)
        self.pairCount = Int(captures) + 1

        let context = pcre2_match_context_create_8(nil)
        if let context { pcre2_set_heap_limit_8(context, Self.heapLimitKiB) }
        matchContext = context
        if translation.loops.isEmpty {
            calloutTable = nil
        } else {
            let table = UnsafeMutablePointer<Int32>.allocate(capacity: 2 * (translation.loops.count + 1))
            table.initialize(repeating: 0, count: 2 * (translation.loops.count + 1))
            for (i, loop) in translation.loops.enumerated() {
                table[2 * (i + 1)] = Int32(numbers[loop.iterationMarker] ?? 0)
                table[2 * (i + 1) + 1] = Int32(loop.loopMarker.flatMap { numbers[$0] } ?? 0)
            }
            if let context { cpcre2_set_drop_empty_iteration(context, table) }
            calloutTable = table
        }
        // JIT is an optimisation only: if it is unavailable the interpreter runs instead.
        _ = pcre2_jit_compile_8(code, PCRE2_JIT_COMPLETE)
    }

    deinit {
        pcre2_code_free_8(code)
        if let matchContext { pcre2_match_context_free_8(matchContext) }
        calloutTable?.deallocate()
    }

    /// The group numbers of the named groups of compiled code.
    private static func groupNumbersByName(_ code: OpaquePointer) -> [String: Int] {
        var count: UInt32 = 0
        var entrySize: UInt32 = 0
        var table: UnsafePointer<UInt8>? = nil
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMECOUNT), &count)
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMEENTRYSIZE), &entrySize)
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMETABLE), &table)
        guard let table, count > 0, entrySize > 2 else { return [:] }
        var numbers: [String: Int] = [:]
        for i in 0..<Int(count) {
            let entry = table + i * Int(entrySize)
            let number = Int(entry[0]) << 8 | Int(entry[1])
            var end = 2
            while end < Int(entrySize), entry[end] != 0 { end += 1 }
            let name = String(decoding: UnsafeBufferPointer(start: entry + 2, count: end - 2), as: UTF8.self)
            numbers[name] = number
        }
        return numbers
    }

    /// The number of the first group called `name`, if any (Go's `SubexpIndex`).
    public func groupIndex(named name: String) -> Int? {
        captureNames.firstIndex { $0 == name }
    }

    // MARK: - Compilation

    private struct CompileFailure: Error {
        var message: String
    }

    private static func compile(_ pcre: [UInt8]) -> Result<OpaquePointer, CompileFailure> {
        let context = pcre2_compile_context_create_8(nil)
        defer { pcre2_compile_context_free_8(context) }
        pcre2_set_newline_8(context, UInt32(PCRE2_NEWLINE_LF))
        pcre2_set_parens_nest_limit_8(context, 2200)
        var errorCode: Int32 = 0
        var errorOffset = 0
        // A trailing NUL keeps the pointer valid for the empty pattern; the length excludes it.
        var bytes = pcre
        bytes.append(0)
        let code = bytes.withUnsafeBufferPointer { buf in
            pcre2_compile_8(buf.baseAddress, pcre.count, compileOptions, &errorCode, &errorOffset, context)
        }
        if let code { return .success(code) }
        return .failure(CompileFailure(message: errorMessage(errorCode)))
    }

    /// True when PCRE2 accepts `pcre` with our options (used to validate script names).
    static func compiles(_ pcre: String) -> Bool {
        if case .success(let code) = compile(Array(pcre.utf8)) {
            pcre2_code_free_8(code)
            return true
        }
        return false
    }

    private static func errorMessage(_ code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = buffer.withUnsafeMutableBufferPointer { buf in
            pcre2_get_error_message_8(code, buf.baseAddress, buf.count)
        }
        guard n > 0 else { return "PCRE2 error \(code)" }
        return String(decoding: buffer.prefix(Int(n)), as: UTF8.self)
    }

    // MARK: - Matching primitives

    /// Runs `body` with a searcher over `subject`. The searcher's match data lives only for the
    /// call, so concurrent calls never share it.
    ///
    /// - Parameter validUTF8: true when `subject` is known to be valid UTF-8 (it came from a
    ///   `String`). Otherwise it is checked, and if it is not valid the searcher matches a copy in
    ///   which each invalid byte reads as U+FFFD, as Go does, and maps offsets back.
    func withSearcher<R>(
        _ subject: UnsafeBufferPointer<UInt8>, groups: Bool, validUTF8: Bool, _ body: (Searcher) -> R
    ) -> R {
        let pairs = groups ? pairCount : 1
        let matchData = pcre2_match_data_create_8(UInt32(pairs), nil)
        defer { if let matchData { pcre2_match_data_free_8(matchData) } }
        let numbers = groups ? groupNumbers : [0]
        if !validUTF8, let repaired = RepairedSubject(subject) {
            return repaired.bytes.withUnsafeBufferPointer { inner in
                body(
                    Searcher(
                        code: code, context: matchContext, matchData: matchData, subject: inner, pairs: pairs,
                        groupNumbers: numbers, offsets: repaired))
            }
        }
        return body(
            Searcher(
                code: code, context: matchContext, matchData: matchData, subject: subject, pairs: pairs,
                groupNumbers: numbers, offsets: nil))
    }

    /// One subject and one match data block.
    struct Searcher {
        let code: OpaquePointer
        let context: OpaquePointer?
        let matchData: OpaquePointer?
        /// What PCRE2 sees: the caller's bytes, or their repaired copy.
        let subject: UnsafeBufferPointer<UInt8>
        let pairs: Int
        /// PCRE2's group number for each reported group.
        let groupNumbers: [Int]
        /// Set when `subject` is a repaired copy: offsets are translated both ways.
        let offsets: RepairedSubject?

        /// Runs the pattern from byte `start` (of PCRE2's subject) and returns the number of
        /// ovector pairs set, or 0 for no match. PCRE2 errors (match limits) count as no match.
        private func run(from start: Int) -> Int {
            guard let matchData else { return 0 }
            let base = subject.baseAddress ?? UnsafePointer(emptySubject)
            var rc = pcre2_match_8(code, base, subject.count, start, 0, matchData, context)
            if rc == PCRE2_ERROR_JIT_STACKLIMIT {
                // Long subjects can outgrow the JIT's default stack: retry once with a large
                // stack of our own (a JIT stack must not be shared between threads).
                rc = withLargeJITStack { ctx in pcre2_match_8(code, base, subject.count, start, 0, matchData, ctx) }
            }
            if rc == 0 { return pairs }  // matched, but the ovector was too small for all groups
            return rc > 0 ? Int(rc) : 0
        }

        private func withLargeJITStack(_ body: (OpaquePointer?) -> Int32) -> Int32 {
            guard let context, let own = pcre2_match_context_copy_8(context) else { return PCRE2_ERROR_JIT_STACKLIMIT }
            defer { pcre2_match_context_free_8(own) }
            let limits = PCRE2Pattern.largeJITStack
            guard let stack = pcre2_jit_stack_create_8(limits.start, limits.max, nil) else {
                return PCRE2_ERROR_JIT_STACKLIMIT
            }
            defer { pcre2_jit_stack_free_8(stack) }
            pcre2_jit_stack_assign_8(own, nil, UnsafeMutableRawPointer(stack))
            return body(own)
        }

        /// Ovector pair `g` as a range of the caller's bytes.
        private func pair(_ ov: UnsafeMutablePointer<Int>, _ g: Int) -> Range<Int>? {
            let lo = ov[2 * g]
            let hi = ov[2 * g + 1]
            guard lo >= 0, hi >= lo, hi <= subject.count else { return nil }
            guard let offsets else { return lo..<hi }
            return offsets.outer[lo]..<offsets.outer[hi]
        }

        private func innerOffset(_ start: Int) -> Int {
            guard let offsets else { return start }
            return start < offsets.inner.count ? offsets.inner[start] : subject.count + 1
        }

        /// The leftmost-first match starting at or after `start`, whole match only.
        func findRange(from start: Int) -> Range<Int>? {
            guard run(from: innerOffset(start)) > 0, let matchData, let ov = pcre2_get_ovector_pointer_8(matchData)
            else { return nil }
            return pair(ov, 0)
        }

        /// The leftmost-first match starting at or after `start`, with its groups.
        func find(from start: Int) -> Match? {
            let set = run(from: innerOffset(start))
            guard set > 0, let matchData, let ov = pcre2_get_ovector_pointer_8(matchData) else { return nil }
            var groups = [Range<Int>?](repeating: nil, count: groupNumbers.count)
            for (g, number) in groupNumbers.enumerated() where number < set { groups[g] = pair(ov, number) }
            guard let whole = groups[0] else { return nil }
            return Match(range: whole, groups: groups)
        }
    }
}

/// A copy of a byte subject that is not valid UTF-8, with every invalid byte replaced by
/// U+FFFD (EF BF BD), which is how Go's matcher reads it, plus the offset maps between the two.
struct RepairedSubject {
    var bytes: [UInt8] = []
    /// For each offset of the original (and its end), the offset in `bytes`.
    var inner: [Int] = []
    /// For each offset of `bytes` (and its end), the offset in the original.
    var outer: [Int] = []

    /// Nil when `original` is valid UTF-8 and can be matched as it is.
    init?(_ original: UnsafeBufferPointer<UInt8>) {
        var pos = 0
        var valid = true
        while pos < original.count {
            if original[pos] < 0x80 {
                pos += 1
                continue
            }
            let w = runeWidth(original, at: pos)
            if w == 1 {
                valid = false
                break
            }
            pos += w
        }
        if valid { return nil }
        bytes.reserveCapacity(original.count + 16)
        inner.reserveCapacity(original.count + 1)
        outer.reserveCapacity(original.count + 16)
        pos = 0
        while pos < original.count {
            let w = original[pos] < 0x80 ? 1 : runeWidth(original, at: pos)
            if w == 1 && original[pos] >= 0x80 {
                inner.append(bytes.count)
                bytes.append(contentsOf: [0xEF, 0xBF, 0xBD])
                outer.append(contentsOf: [pos, pos, pos])
            } else {
                for k in 0..<w {
                    inner.append(bytes.count)
                    bytes.append(original[pos + k])
                    outer.append(pos + k)
                }
            }
            pos += w
        }
        inner.append(bytes.count)
        outer.append(original.count)
    }
}

// MARK: - Subjects

extension PCRE2Pattern {
    /// Calls `body` with the UTF-8 bytes of `s` (copying only if `s` is not contiguous).
    @inline(__always)
    func withBytes<R>(of s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var s = s
        return s.withUTF8(body)
    }
}

/// A valid pointer for empty subjects (an empty buffer may have no base address). Never written.
nonisolated(unsafe) private let emptySubject: UnsafeMutablePointer<UInt8> = {
    let p = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    p.initialize(to: 0)
    return p
}()

/// The width of the UTF-8 sequence at `pos` as Go's `utf8.DecodeRune` sees it: 0 at the end,
/// 1 for an invalid byte.
func runeWidth(_ buf: UnsafeBufferPointer<UInt8>, at pos: Int) -> Int {
    let n = buf.count
    guard pos < n else { return 0 }
    let b0 = buf[pos]
    if b0 < 0x80 { return 1 }
    func cont(_ i: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool {
        pos + i < n && buf[pos + i] >= lo && buf[pos + i] <= hi
    }
    switch b0 {
    case 0xC2...0xDF:
        return cont(1) ? 2 : 1
    case 0xE0:
        return cont(1, 0xA0, 0xBF) && cont(2) ? 3 : 1
    case 0xE1...0xEC, 0xEE...0xEF:
        return cont(1) && cont(2) ? 3 : 1
    case 0xED:
        return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 1
    case 0xF0:
        return cont(1, 0x90, 0xBF) && cont(2) && cont(3) ? 4 : 1
    case 0xF1...0xF3:
        return cont(1) && cont(2) && cont(3) ? 4 : 1
    case 0xF4:
        return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 1
    default:
        return 1
    }
}
