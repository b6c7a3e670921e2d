/// A line diff for test failures: `-` lines expected, `+` lines received, two-space context.
///
/// `sluice test` has its own (StreamRuntime's TextDiff); BloblangTooling cannot depend on
/// StreamRuntime, so until the test logic moves down into a shared target this small
/// longest-common-subsequence diff serves `blobl test`.
public enum LineDiff {
    /// The diff of two texts, one line per output line.
    public static func render(expected: String, received: String) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = received.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Texts here are small test documents; the quadratic table is fine.
        guard a.count * b.count <= 4_000_000 else {
            return (a.map { "  - " + $0 } + b.map { "  + " + $0 }).joined(separator: "\n")
        }
        var lcs = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var out: [String] = []
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                out.append("    " + a[i])
                i += 1
                j += 1
            } else if i < a.count, j == b.count || lcs[i + 1][j] >= lcs[i][j + 1] {
                out.append("  - " + a[i])
                i += 1
            } else {
                out.append("  + " + b[j])
                j += 1
            }
        }
        return out.joined(separator: "\n")
    }
}
