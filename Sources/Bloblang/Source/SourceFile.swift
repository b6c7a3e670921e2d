/// The text of a mapping, with line starts indexed so that offsets map to line and column.
public struct SourceFile: Sendable {
    /// The path the text came from, when it came from a file.
    public let path: String?
    public let text: String
    public let bytes: [UInt8]
    private let lineStarts: [Int]

    public init(_ text: String, path: String? = nil) {
        self.path = path
        self.text = text
        self.bytes = Array(text.utf8)
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") { starts.append(i + 1) }
        self.lineStarts = starts
    }

    /// The folder part of a path (`a/b.blobl` → `a`), or nil when the path has none. Written
    /// without NSString, whose `deletingLastPathComponent` traps on one-character names here.
    public static func directory(of path: String) -> String? {
        var p = Substring(path)
        while p.count > 1, p.hasSuffix("/") { p = p.dropLast() }
        guard let slash = p.lastIndex(of: "/") else { return nil }
        if slash == p.startIndex { return "/" }
        return String(p[..<slash])
    }

    /// The 1-based line and column of a UTF-8 offset. Columns count characters.
    public func location(of offset: Int) -> LineColumn {
        let clamped = max(0, min(offset, bytes.count))
        var lo = 0
        var hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= clamped { lo = mid } else { hi = mid - 1 }
        }
        let start = lineStarts[lo]
        var column = 1
        var i = start
        while i < clamped {
            // Count one column per Unicode scalar start byte (not continuation bytes).
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return LineColumn(line: lo + 1, column: column)
    }

    /// The text of a 1-based line, without its newline.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }
}

/// A 1-based line and column.
public struct LineColumn: Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var description: String { "line \(line) char \(column)" }
}

/// A half-open range of UTF-8 offsets into a `SourceFile`.
public struct SourceRange: Sendable, Equatable {
    public var start: Int
    public var end: Int
    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = end
    }
    public static let empty = SourceRange(0, 0)
}
