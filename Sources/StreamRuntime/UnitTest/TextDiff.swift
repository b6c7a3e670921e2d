/// Line-by-line differences between an expected and a received text, for test failures.
///
/// ```
///     {
///   -     "a": 1,
///   +     "a": 2,
///         "b": true
///     }
/// ```
/// Lines only in the expected text start with `-`, lines only in the received text with `+`,
/// shared lines with a space.
public enum TextDiff {
    public enum Line: Sendable, Equatable {
        case same(String)
        case expected(String)
        case received(String)
    }

    /// Above this many cells the longest-common-subsequence table is not built; the texts are
    /// then shown as all expected lines followed by all received lines, minus the shared head
    /// and tail.
    static let maxCells = 4_000_000

    /// The lines of a diff between `expected` and `received`, split on line breaks. When only
    /// one text ends with a line break, the last line of the other is marked so that the
    /// difference shows.
    public static func lines(expected: String, received: String) -> [Line] {
        var a = split(expected)
        var b = split(received)
        let endA = expected.hasSuffix("\n")
        let endB = received.hasSuffix("\n")
        if endA != endB {
            if !endA, let last = a.popLast() { a.append(last + noBreak) }
            if !endB, let last = b.popLast() { b.append(last + noBreak) }
        }
        return lines(expected: a, received: b)
    }

    static let noBreak = " (no line break at end)"

    /// The diff of two lists of lines (a longest common subsequence).
    public static func lines(expected a: [String], received b: [String]) -> [Line] {
        // Shared head and tail first: they are the common case and keep the table small.
        var head = 0
        while head < a.count, head < b.count, a[head] == b[head] { head += 1 }
        var tail = 0
        while tail < a.count - head, tail < b.count - head, a[a.count - 1 - tail] == b[b.count - 1 - tail] { tail += 1 }
        let x = Array(a[head..<(a.count - tail)])
        let y = Array(b[head..<(b.count - tail)])

        var out = a[..<head].map(Line.same)
        if x.count * y.count > maxCells || x.isEmpty || y.isEmpty {
            out += x.map(Line.expected) + y.map(Line.received)
        } else {
            // lcs[i][j]: the length of the longest common subsequence of x[i...] and y[j...].
            let width = y.count + 1
            var lcs = [Int](repeating: 0, count: (x.count + 1) * width)
            for i in stride(from: x.count - 1, through: 0, by: -1) {
                for j in stride(from: y.count - 1, through: 0, by: -1) {
                    lcs[i * width + j] =
                        x[i] == y[j]
                        ? lcs[(i + 1) * width + j + 1] + 1 : max(lcs[(i + 1) * width + j], lcs[i * width + j + 1])
                }
            }
            var i = 0
            var j = 0
            while i < x.count || j < y.count {
                if i < x.count, j < y.count, x[i] == y[j] {
                    out.append(.same(x[i]))
                    i += 1
                    j += 1
                } else if j == y.count || (i < x.count && lcs[(i + 1) * width + j] >= lcs[i * width + j + 1]) {
                    // On a tie the expected line goes first: removals before additions.
                    out.append(.expected(x[i]))
                    i += 1
                } else {
                    out.append(.received(y[j]))
                    j += 1
                }
            }
        }
        out += a[(a.count - tail)...].map(Line.same)
        return out
    }

    /// The diff as text: a legend line, then one line per diff line, each indented by
    /// `indent`. Long runs of shared lines are cut down to `context` lines around changes.
    public static func render(expected: String, received: String, indent: String = "  ", context: Int = 3) -> String {
        render(lines(expected: expected, received: received), indent: indent, context: context)
    }

    /// Renders diff lines (see `render(expected:received:)`).
    public static func render(_ diff: [Line], indent: String = "  ", context: Int = 3) -> String {
        var keep = [Bool](repeating: false, count: diff.count)
        for (i, line) in diff.enumerated() {
            if case .same = line { continue }
            for k in max(0, i - context)...min(diff.count - 1, i + context) { keep[k] = true }
        }
        var out = ["\(indent)--- expected", "\(indent)+++ received"]
        var skipped = 0
        for (i, line) in diff.enumerated() {
            guard keep[i] else {
                skipped += 1
                continue
            }
            if skipped > 0 {
                out.append("\(indent)  ... (\(skipped) unchanged line\(skipped == 1 ? "" : "s"))")
                skipped = 0
            }
            switch line {
            case .same(let s): out.append("\(indent)  \(s)")
            case .expected(let s): out.append("\(indent)- \(s)")
            case .received(let s): out.append("\(indent)+ \(s)")
            }
        }
        if skipped > 0 { out.append("\(indent)  ... (\(skipped) unchanged line\(skipped == 1 ? "" : "s"))") }
        return out.joined(separator: "\n")
    }

    /// Splits on `\n`; a final line break does not start another line.
    static func split(_ text: String) -> [String] {
        var parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if parts.count > 1, parts.last == "" { parts.removeLast() }
        return parts
    }
}
