/// The text a config tree was parsed from (after environment interpolation), split into
/// lines of Unicode scalars. Locations keep a reference to it so that a position inside a
/// scalar's value (line and column of a Bloblang error) can be turned into a position in the
/// file, whatever the scalar's YAML style.
public final class ConfigSource: Sendable {
    /// The file the text came from, if any.
    public let file: String?
    public let text: String
    let lines: [[Unicode.Scalar]]

    public init(_ text: String, file: String? = nil) {
        self.file = file
        self.text = text
        var lines: [[Unicode.Scalar]] = [[]]
        for s in text.unicodeScalars {
            if s == "\n" {
                if lines[lines.count - 1].last == "\r" { lines[lines.count - 1].removeLast() }
                lines.append([])
            } else {
                lines[lines.count - 1].append(s)
            }
        }
        self.lines = lines
    }

    /// The scalars of a 1-based line (empty past the end).
    func line(_ n: Int) -> [Unicode.Scalar] {
        n >= 1 && n <= lines.count ? lines[n - 1] : []
    }
}
