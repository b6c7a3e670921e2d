import Bloblang

/// Source text with position markers (`1️⃣`, `2️⃣`, … `🔟`) written inline, so that tests
/// name a position by pointing at it instead of counting columns by hand (the style of
/// swift-syntax's and swift-format's tests).
///
/// ```swift
/// let src = MarkedSource("root = 1️⃣(1")
/// src.text          // "root = (1"
/// src["1️⃣"]        // line 1 char 8
/// ```
///
/// A marker stands *before* the character it points at. Columns count Unicode scalars, as
/// Benthos counts Go runes and as `SourceFile.location(of:)` does; lines and columns are
/// 1-based.
public struct MarkedSource: Sendable, CustomStringConvertible {
    /// The text with every marker removed.
    public let text: String
    /// Each marker's UTF-8 offset into `text`.
    public let offsets: [String: Int]
    /// Each marker's line and column in `text`.
    public let locations: [String: Position]

    /// Reads the markers out of `marked`.
    public init(_ marked: String) {
        var text = ""
        var offsets: [String: Int] = [:]
        var locations: [String: Position] = [:]
        var utf8Count = 0
        var line = 1
        var column = 1
        for ch in marked {
            if MarkedSource.isMarker(ch) {
                let name = String(ch)
                offsets[name] = utf8Count
                locations[name] = Position(line: line, column: column)
                continue
            }
            text.append(ch)
            utf8Count += ch.utf8.count
            for scalar in ch.unicodeScalars {
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            }
        }
        self.text = text
        self.offsets = offsets
        self.locations = locations
    }

    /// The location of a marker. A missing marker reads as line 0 char 0, which never
    /// matches a real position, so a typo in a test fails rather than crashes.
    public subscript(_ marker: String) -> Position {
        locations[marker] ?? Position(line: 0, column: 0)
    }

    /// The only marker's location (or line 0 char 0 when there is not exactly one).
    public var location: Position {
        guard locations.count == 1, let only = locations.values.first else { return Position(line: 0, column: 0) }
        return only
    }

    /// Benthos's compact error text at the only marker: `line L char C: message`.
    public func error(_ message: String) -> String { "\(location): \(message)" }

    /// Benthos's compact error text at a named marker.
    public func error(_ message: String, at marker: String) -> String { "\(self[marker]): \(message)" }

    /// True for the keycap digits `0️⃣`…`9️⃣` and `🔟`.
    public static func isMarker(_ ch: Character) -> Bool {
        let scalars = Array(ch.unicodeScalars)
        if scalars.count == 1 { return scalars[0] == "\u{1F51F}" }
        guard scalars.count == 3, scalars[1] == "\u{FE0F}", scalars[2] == "\u{20E3}" else { return false }
        return ("0"..."9").contains(scalars[0])
    }

    public var description: String { text }
}

/// A 1-based line and column, comparable with the core's `LineColumn`.
public struct Position: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public init(_ location: LineColumn) {
        self.init(line: location.line, column: location.column)
    }

    /// `line L char C`, as Benthos prints positions.
    public var description: String { "line \(line) char \(column)" }
}
