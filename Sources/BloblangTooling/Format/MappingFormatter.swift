import Bloblang

/// Formats mappings canonically: `blobl fmt`.
///
/// The formatter keeps every token and every line break where the author put them (in
/// Bloblang a line break ends a statement, so moving one can change meaning) and rewrites
/// only the space between tokens, the indentation and blank lines, the way gofmt treats
/// line structure. Because it never adds, drops or reorders a token, the formatted mapping
/// means the same; `formatChecked` verifies that on every run.
public struct MappingFormatter: Sendable {
    /// One level of indentation.
    public var indentUnit: String

    /// Creates a formatter that indents by `indentUnit` (two spaces, as the Benthos docs do).
    public init(indentUnit: String = "  ") { self.indentUnit = indentUnit }

    /// Why a mapping was not formatted.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// The kinds of failure.
        public enum Code: Sendable, Equatable {
            /// The input does not parse; it is left alone.
            case doesNotParse
            /// The formatted text differs in its tokens or does not parse: a formatter bug.
            case changedMeaning
        }
        /// What went wrong.
        public var code: Code
        /// The parse error, when there is one.
        public var parseError: ParseError?
        /// A sentence for people.
        public var message: String

        public var description: String { message }
    }

    /// Formats `text` after checking that it parses, then checks that the result parses and
    /// has the same tokens and line breaks.
    /// - Throws: `Failure` when the input does not parse, or when the result would differ.
    public func formatChecked(_ text: String, path: String? = nil, environment: Environment) throws(Failure) -> String {
        do {
            _ = try environment.parse(text, path: path)
        } catch {
            throw Failure(code: .doesNotParse, parseError: error, message: "\(path ?? "<mapping>"): \(error.description)")
        }
        let formatted = format(text)
        let before = MappingLexer.tokenize(text).filter { $0.kind != .comment }.map { Pair($0.kind, $0.text) }
        let after = MappingLexer.tokenize(formatted).filter { $0.kind != .comment }.map { Pair($0.kind, $0.text) }
        if Self.collapsingNewlines(before) != Self.collapsingNewlines(after) {
            throw Failure(code: .changedMeaning, message: "\(path ?? "<mapping>"): formatting would change the tokens (a formatter bug)")
        }
        do {
            _ = try environment.parse(formatted, path: path)
        } catch {
            throw Failure(
                code: .changedMeaning, parseError: error,
                message: "\(path ?? "<mapping>"): the formatted mapping does not parse (a formatter bug): \(error.description)")
        }
        return formatted
    }

    private struct Pair: Equatable {
        var kind: MappingToken.Kind
        var text: String
        init(_ kind: MappingToken.Kind, _ text: String) {
            self.kind = kind
            self.text = text
        }
    }

    /// Runs of line breaks count as one: the formatter only drops blank lines.
    private static func collapsingNewlines(_ tokens: [Pair]) -> [Pair] {
        var out: [Pair] = []
        for t in tokens {
            if t.kind == .newline, out.last?.kind == .newline || out.isEmpty { continue }
            out.append(t)
        }
        if out.last?.kind == .newline { out.removeLast() }
        return out
    }

    // MARK: - Formatting

    /// Formats `text` without checking it. Text that does not parse comes back with its
    /// tokens intact but the spacing may be odd.
    public func format(_ text: String) -> String {
        let tokens = MappingLexer.tokenize(text)
        var lines: [[MappingToken]] = [[]]
        for t in tokens {
            if t.kind == .newline { lines.append([]) } else { lines[lines.count - 1].append(t) }
        }

        struct Open {
            var text: String
            var lineIndent: Int
            var isBlock: Bool
        }
        var stack: [Open] = []
        var out: [String] = []
        var pendingBlank = false
        var previous: MappingToken?  // the last code token (no comments), across lines
        var previousLineEndsOpen = false
        var continuation = false

        for line in lines {
            let code = line.filter { $0.kind != .comment }
            if line.isEmpty {
                if !out.isEmpty && !previousLineEndsOpen { pendingBlank = true }
                continue
            }
            let startsWithCloser = code.first.map { Self.isCloser($0) } ?? false
            var level: Int
            if startsWithCloser, let top = stack.last {
                level = top.lineIndent
            } else {
                level = (stack.last.map { $0.lineIndent + 1 } ?? 0) + (continuation ? 1 : 0)
            }
            if pendingBlank && !startsWithCloser { out.append("") }
            pendingBlank = false

            var rendered = String(repeating: indentUnit, count: level)
            var prevCode: MappingToken?  // the code token before, on this line
            var prevPrevCode: MappingToken?
            for t in line {
                if t.kind == .comment {
                    if prevCode != nil { rendered += " " }
                    rendered += Self.trimmingTrailingSpace(t.text)
                    continue
                }
                if let a = prevCode {
                    let closingBlock = t.isPunctuation("}") ? stack.last?.isBlock ?? false : false
                    let openedBlock = a.isPunctuation("{") ? stack.last?.isBlock ?? false : false
                    rendered += spacing(a, t, before: prevPrevCode, closingBlock: closingBlock, openedBlock: openedBlock)
                }
                rendered += t.text
                if Self.isOpener(t) {
                    let isBlock = t.text == "{" && Self.opensBlock(after: previous, sameLine: prevCode != nil)
                    stack.append(Open(text: t.text, lineIndent: level, isBlock: isBlock))
                } else if Self.isCloser(t), !stack.isEmpty {
                    stack.removeLast()
                }
                prevPrevCode = prevCode
                prevCode = t
                previous = t
            }
            out.append(rendered)
            if let last = code.last {
                previousLineEndsOpen = Self.isOpener(last)
                continuation =
                    last.kind == .punctuation
                    && (MappingToken.binaryOperators.contains(last.text) || [".", ":", "=>"].contains(last.text))
            } else {
                previousLineEndsOpen = false
            }
        }
        while out.last == "" { out.removeLast() }
        return out.isEmpty ? "" : out.joined(separator: "\n") + "\n"
    }

    /// The text between two tokens on one line.
    private func spacing(
        _ a: MappingToken, _ b: MappingToken, before: MappingToken?, closingBlock: Bool, openedBlock: Bool
    ) -> String {
        if a.isPunctuation("(") || a.isPunctuation("[") { return "" }
        if b.isPunctuation(")") || b.isPunctuation("]") { return "" }
        if a.isPunctuation("{") {
            if b.isPunctuation("}") { return "" }
            return openedBlock ? " " : ""
        }
        if b.isPunctuation("}") { return closingBlock ? " " : "" }
        if b.isPunctuation(",") || b.isPunctuation(":") { return "" }
        if a.isPunctuation(",") || a.isPunctuation(":") { return " " }
        if a.isPunctuation(".") || b.isPunctuation(".") { return "" }
        if a.isPunctuation("!") { return "" }
        if a.isPunctuation("-") && Self.isUnaryMinus(previous: before) {
            // `- -x` stays apart so it does not read as a decrement.
            return b.isPunctuation("-") ? " " : ""
        }
        if b.isPunctuation("(") || b.isPunctuation("[") {
            // `name(` is a call only without a space; keywords take one.
            if a.kind == .identifier, ["if", "match", "else"].contains(a.text) { return " " }
            return b.spaceBefore ? " " : ""
        }
        return " "
    }

    static func isOpener(_ t: MappingToken) -> Bool {
        t.kind == .punctuation && (t.text == "(" || t.text == "[" || t.text == "{")
    }

    static func isCloser(_ t: MappingToken) -> Bool {
        t.kind == .punctuation && (t.text == ")" || t.text == "]" || t.text == "}")
    }

    /// A `{` opens a statement block or a `match` body (spaced inside) when it follows a
    /// value or keyword on its own line, and an object literal (not spaced) otherwise.
    static func opensBlock(after previous: MappingToken?, sameLine: Bool) -> Bool {
        guard sameLine, let p = previous else { return false }
        switch p.kind {
        case .identifier, .number, .string, .tripleString, .variable, .metadata: return true
        case .punctuation: return p.text == ")" || p.text == "]" || p.text == "}"
        default: return false
        }
    }

    /// A `-` is unary at the start of an operand: after an operator, an opening bracket, a
    /// separator or a keyword that takes an expression.
    static func isUnaryMinus(previous: MappingToken?) -> Bool {
        guard let p = previous else { return true }
        switch p.kind {
        case .punctuation: return !(p.text == ")" || p.text == "]" || p.text == "}")
        case .identifier: return ["if", "match", "else"].contains(p.text)
        default: return false
        }
    }

    static func trimmingTrailingSpace(_ s: String) -> String {
        var s = Substring(s)
        while let last = s.last, last == " " || last == "\t" || last == "\r" { s = s.dropLast() }
        return String(s)
    }
}
