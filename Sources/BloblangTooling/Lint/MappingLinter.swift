import Bloblang

/// Checks mappings for mistakes: `blobl lint`.
///
/// The parser finds the first syntax error, unknown name or bad argument. The token checks
/// here add findings the parser does not stop for, and only ones that are certainly right:
/// every unknown function or method (not just the first), variables that are set and never
/// read, match cases after a `_` case, `if false` blocks, and statements after one that
/// always throws.
public struct MappingLinter: Sendable {
    /// The functions and methods a mapping may use.
    public let environment: Environment

    /// Creates a linter for mappings run in `environment`.
    public init(environment: Environment) { self.environment = environment }

    /// Every finding in `text`, in source order.
    public func lint(_ text: String, path: String? = nil) -> [LintDiagnostic] {
        let source = SourceFile(text, path: path)
        var findings: [LintDiagnostic] = []
        do {
            _ = try environment.parse(text, path: path)
        } catch {
            findings.append(
                LintDiagnostic(
                    severity: .error, id: error.id, message: error.message, location: error.location, offset: error.range.start,
                    help: error.help))
        }
        let tokens = MappingLexer.tokenize(text)
        let code = tokens.filter { $0.kind != .comment }
        func finding(_ severity: LintDiagnostic.Severity, _ id: String, _ message: String, at offset: Int, help: [String] = []) {
            if findings.contains(where: { $0.offset == offset && $0.id == id }) { return }
            findings.append(
                LintDiagnostic(
                    severity: severity, id: id, message: message, location: source.location(of: offset), offset: offset, help: help))
        }
        unknownNames(code, finding)
        unusedVariables(code, finding)
        unreachableMatchCases(code, finding)
        deadBlocks(code, finding)
        statementsAfterThrow(code, finding)
        return findings.sorted { ($0.offset, $0.severity == .error ? 0 : 1) < ($1.offset, $1.severity == .error ? 0 : 1) }
    }

    typealias Report = (LintDiagnostic.Severity, String, String, Int, [String]) -> Void

    private static let keywords: Set<String> = ["if", "else", "match", "let", "map", "import", "from", "meta", "root", "this"]

    // MARK: - Checks

    /// `name(` not after a dot is a function call; `.name(` is a method call.
    private func unknownNames(_ code: [MappingToken], _ report: (LintDiagnostic.Severity, String, String, Int, [String]) -> Void) {
        for (i, t) in code.enumerated() where t.kind == .identifier && i + 1 < code.count {
            let next = code[i + 1]
            guard next.isPunctuation("("), !next.spaceBefore else { continue }
            let isMethod = i > 0 && code[i - 1].isPunctuation(".")
            if isMethod {
                guard environment.methods[t.text] == nil else { continue }
                let help = Suggest.closest(to: t.text, in: Array(environment.methods.keys)).map { ["did you mean `\($0)`?"] } ?? []
                report(.error, "method.unknown", "unrecognised method '\(t.text)'", t.offset, help)
            } else {
                guard !Self.keywords.contains(t.text), environment.functions[t.text] == nil else { continue }
                let help = Suggest.closest(to: t.text, in: Array(environment.functions.keys)).map { ["did you mean `\($0)`?"] } ?? []
                report(.error, "function.unknown", "unrecognised function '\(t.text)'", t.offset, help)
            }
        }
    }

    /// `let name = ...` with no `$name` anywhere. Skipped when the file imports others,
    /// whose maps share the variables.
    private func unusedVariables(_ code: [MappingToken], _ report: Report) {
        if code.contains(where: { $0.kind == .identifier && ($0.text == "import" || $0.text == "from") && Self.startsStatement($0, in: code) }) {
            return
        }
        let read = Set(code.filter { $0.kind == .variable }.map { String($0.text.dropFirst()) })
        for (i, t) in code.enumerated() where t.kind == .identifier && t.text == "let" && i + 2 < code.count {
            guard Self.startsStatement(t, in: code) else { continue }
            let nameToken = code[i + 1]
            guard code[i + 2].isPunctuation("=") else { continue }
            let name: String
            switch nameToken.kind {
            case .identifier: name = nameToken.text
            case .string: name = String(nameToken.text.dropFirst().dropLast())
            default: continue
            }
            if !read.contains(name) {
                report(.warning, "variable.unused", "variable '\(name)' is set but never read", nameToken.offset, [])
            }
        }
    }

    /// In `match`, a case after a `_ =>` case never matches.
    private func unreachableMatchCases(_ code: [MappingToken], _ report: Report) {
        for (i, t) in code.enumerated() where t.kind == .identifier && t.text == "match" {
            // The body is the first `{` at the same bracket depth.
            var depth = 0
            var j = i + 1
            var open: Int?
            while j < code.count {
                let u = code[j]
                if depth == 0, u.isPunctuation("{") {
                    open = j
                    break
                }
                if MappingFormatter.isOpener(u) { depth += 1 }
                if MappingFormatter.isCloser(u) {
                    depth -= 1
                    if depth < 0 { break }
                }
                if depth == 0, u.kind == .newline { break }
                j += 1
            }
            guard let open else { continue }
            depth = 0
            var wildcardLine: Int?
            var k = open + 1
            while k < code.count {
                let u = code[k]
                if MappingFormatter.isOpener(u) { depth += 1 }
                if MappingFormatter.isCloser(u) {
                    if depth == 0 { break }
                    depth -= 1
                }
                if depth == 0, u.isPunctuation("=>") {
                    let patternStart = Self.caseStart(code, arrow: k, open: open)
                    if wildcardLine != nil {
                        report(
                            .warning, "match.unreachable", "this case can never match: an earlier `_` case matches everything",
                            code[patternStart].offset, [])
                    } else if patternStart == k - 1, code[k - 1].kind == .identifier, code[k - 1].text == "_" {
                        wildcardLine = k
                    }
                }
                k += 1
            }
        }
    }

    /// The first token of the pattern whose `=>` is at `arrow`.
    private static func caseStart(_ code: [MappingToken], arrow: Int, open: Int) -> Int {
        var depth = 0
        var k = arrow - 1
        while k > open {
            let u = code[k]
            if isCloserToken(u) { depth += 1 }
            if MappingFormatter.isOpener(u) { depth -= 1 }
            if depth == 0, u.kind == .newline || u.isPunctuation(",") { return k + 1 }
            k -= 1
        }
        return open + 1
    }

    private static func isCloserToken(_ t: MappingToken) -> Bool { MappingFormatter.isCloser(t) }

    /// `if false { ... }` never runs its block.
    private func deadBlocks(_ code: [MappingToken], _ report: Report) {
        for (i, t) in code.enumerated() where t.kind == .identifier && t.text == "if" && i + 2 < code.count {
            if code[i + 1].kind == .identifier, code[i + 1].text == "false", code[i + 2].isPunctuation("{") {
                report(.warning, "if.never", "this block can never run: its condition is the constant false", code[i + 1].offset, [])
            }
        }
    }

    /// A top-level statement `target = throw(...)` always fails the mapping, so nothing
    /// after it runs.
    private func statementsAfterThrow(_ code: [MappingToken], _ report: Report) {
        let lines = Self.topLevelLines(code)
        var throwingLine: Int?
        for line in lines {
            guard let first = line.first else { continue }
            if let at = throwingLine {
                // Map definitions and imports are declarations, not steps.
                if first.kind == .identifier, first.text == "map" || first.text == "import" { continue }
                report(
                    .warning, "statement.unreachable",
                    "this statement can never run: the statement on line \(at) always throws", first.offset, [])
                return
            }
            // `... = throw(<args>)` and nothing after the closing parenthesis.
            guard let eq = line.firstIndex(where: { $0.isPunctuation("=") }), eq + 2 < line.count,
                line[eq + 1].kind == .identifier, line[eq + 1].text == "throw", line[eq + 2].isPunctuation("(")
            else { continue }
            var depth = 0
            var end: Int?
            for k in (eq + 2)..<line.count {
                if MappingFormatter.isOpener(line[k]) { depth += 1 }
                if MappingFormatter.isCloser(line[k]) {
                    depth -= 1
                    if depth == 0 {
                        end = k
                        break
                    }
                }
            }
            if let end, end == line.count - 1 {
                throwingLine = Self.lineNumber(of: first, in: code)
            }
        }
    }

    /// The statements at depth 0, each as its tokens (a statement that spans lines inside
    /// brackets is one entry).
    private static func topLevelLines(_ code: [MappingToken]) -> [[MappingToken]] {
        var out: [[MappingToken]] = [[]]
        var depth = 0
        for t in code {
            if t.kind == .newline, depth == 0 {
                if !(out.last?.isEmpty ?? true) { out.append([]) }
                continue
            }
            if MappingFormatter.isOpener(t) { depth += 1 }
            if MappingFormatter.isCloser(t) { depth = max(0, depth - 1) }
            if t.kind != .newline { out[out.count - 1].append(t) }
        }
        return out.filter { !$0.isEmpty }
    }

    private static func lineNumber(of token: MappingToken, in code: [MappingToken]) -> Int {
        1 + code.prefix { $0.offset < token.offset }.reduce(0) { $0 + ($1.kind == .newline ? 1 : 0) }
            + code.prefix { $0.offset < token.offset }.filter { $0.kind == .tripleString }.reduce(0) {
                $0 + $1.text.utf8.filter { $0 == 0x0A }.count
            }
    }

    /// True when `token` is the first on its line or right after `{`.
    static func startsStatement(_ token: MappingToken, in code: [MappingToken]) -> Bool {
        guard let i = code.firstIndex(where: { $0.offset == token.offset }) else { return false }
        if i == 0 { return true }
        let prev = code[i - 1]
        return prev.kind == .newline || prev.isPunctuation("{")
    }
}
