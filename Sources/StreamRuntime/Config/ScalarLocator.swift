/// Maps positions inside a scalar's value to positions in its source file.
enum ScalarLocator {
    /// The YAML style a scalar was written in, read back from the source.
    enum Style: Equatable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    /// A run of value characters written one-to-one in the source: value (line, column) →
    /// source (line, column) for the first character of the run.
    struct Segment {
        var valueLine: Int
        var valueColumn: Int
        var line: Int
        var column: Int
    }

    /// Where `valueLine:valueColumn` (1-based, counted in the value) of the scalar `value`
    /// written at `start` is in the file.
    static func locate(valueLine: Int, valueColumn: Int, value: String, start: ConfigLocation) -> ConfigLocation {
        var out = start
        guard let source = start.source else {
            // Without the text, assume a block scalar's lines follow one another.
            out.line = start.line + valueLine - 1
            out.column = valueLine == 1 ? start.column + valueColumn - 1 : valueColumn
            return out
        }
        let segments = self.segments(of: value, source: source, line: start.line, column: start.column)
        var best: Segment?
        for s in segments where (s.valueLine, s.valueColumn) <= (valueLine, valueColumn) {
            if best == nil || (s.valueLine, s.valueColumn) >= (best!.valueLine, best!.valueColumn) { best = s }
        }
        guard let seg = best else { return start }
        if seg.valueLine == valueLine {
            out.line = seg.line
            out.column = seg.column + (valueColumn - seg.valueColumn)
        } else {
            out.line = seg.line + (valueLine - seg.valueLine)
            out.column = valueColumn
        }
        return out
    }

    /// The segments of a scalar whose node starts at `line:column` in `source`. The value
    /// bounds how far the source is read.
    static func segments(of value: String, source: ConfigSource, line: Int, column: Int) -> [Segment] {
        var text = source.line(line)
        var col = column - 1
        // Skip node properties (`!tag`, `&anchor`) in front of the scalar.
        while col < text.count, text[col] == "!" || text[col] == "&" {
            while col < text.count, text[col] != " ", text[col] != "\t" { col += 1 }
            while col < text.count, text[col] == " " || text[col] == "\t" { col += 1 }
        }
        text = source.line(line)
        let valueLines = value.split(separator: "\n", omittingEmptySubsequences: false).count
        let valueLength = value.unicodeScalars.count
        guard col < text.count else { return [Segment(valueLine: 1, valueColumn: 1, line: line, column: column)] }
        switch text[col] {
        case "|", ">":
            return blockSegments(source: source, line: line, headerColumn: col, folded: text[col] == ">", valueLines: valueLines)
        case "'":
            return quotedSegments(source: source, line: line, column: col + 1, double: false, valueLength: valueLength)
        case "\"":
            return quotedSegments(source: source, line: line, column: col + 1, double: true, valueLength: valueLength)
        default:
            return plainSegments(source: source, line: line, column: col, valueLength: valueLength)
        }
    }

    static func isBlank(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" }

    // MARK: - Block scalars

    static func blockSegments(source: ConfigSource, line: Int, headerColumn: Int, folded: Bool, valueLines: Int) -> [Segment] {
        let header = source.line(line)
        var explicitIndent: Int?
        var i = headerColumn + 1
        while i < header.count, let d = Int(String(header[i])) ?? (header[i] == "-" || header[i] == "+" ? -1 : nil) {
            if d > 0 { explicitIndent = d }
            i += 1
        }
        var indent: Int
        if let explicitIndent {
            indent = header.prefix { $0 == " " }.count + explicitIndent
        } else {
            indent = 0
            var n = line + 1
            while n <= source.lines.count {
                let l = source.line(n)
                if l.contains(where: { !isBlank($0) }) {
                    indent = l.prefix { $0 == " " }.count
                    break
                }
                n += 1
            }
        }
        var segments: [Segment] = []
        var valueLine = 1
        var valueColumn = 1
        var pendingEmpty = 0
        var previousNormal: Bool?
        var n = line + 1
        while n <= source.lines.count, valueLine <= valueLines {
            let l = source.line(n)
            let blank = !l.contains { !isBlank($0) }
            if blank {
                if !folded {
                    segments.append(Segment(valueLine: valueLine, valueColumn: 1, line: n, column: indent + 1))
                    valueLine += 1
                } else {
                    pendingEmpty += 1
                }
                n += 1
                continue
            }
            let leading = l.prefix { $0 == " " }.count
            if leading < indent { break }
            if folded {
                let normal = !(indent < l.count && isBlank(l[indent]))
                if let previousNormal {
                    if previousNormal && normal && pendingEmpty == 0 {
                        valueColumn += 1
                    } else {
                        valueLine += (previousNormal && normal ? 0 : 1) + pendingEmpty
                        valueColumn = 1
                    }
                } else {
                    valueLine += pendingEmpty
                }
                pendingEmpty = 0
                previousNormal = normal
                segments.append(Segment(valueLine: valueLine, valueColumn: valueColumn, line: n, column: indent + 1))
                valueColumn += l.count - indent
            } else {
                segments.append(Segment(valueLine: valueLine, valueColumn: 1, line: n, column: indent + 1))
                valueLine += 1
            }
            n += 1
        }
        return segments
    }

    // MARK: - Flow scalars

    /// Plain scalars: lines are trimmed and folded (one break → a space, blank lines → breaks).
    static func plainSegments(source: ConfigSource, line: Int, column: Int, valueLength: Int) -> [Segment] {
        var segments = [Segment(valueLine: 1, valueColumn: 1, line: line, column: column + 1)]
        var first = source.line(line)[column...]
        if let comment = commentStart(first) { first = first[..<comment] }
        var consumed = trimmedTrailing(first).count
        var valueLine = 1
        var valueColumn = 1 + consumed
        var n = line + 1
        var pendingEmpty = 0
        while consumed < valueLength, n <= source.lines.count {
            let l = source.line(n)
            let start = l.firstIndex { !isBlank($0) }
            guard let start else {
                pendingEmpty += 1
                n += 1
                continue
            }
            var body = l[start...]
            if let comment = commentStart(body) { body = body[..<comment] }
            let trimmed = trimmedTrailing(body)
            if pendingEmpty > 0 {
                valueLine += pendingEmpty
                valueColumn = 1
                consumed += pendingEmpty
            } else {
                valueColumn += 1
                consumed += 1
            }
            pendingEmpty = 0
            segments.append(Segment(valueLine: valueLine, valueColumn: valueColumn, line: n, column: start + 1))
            valueColumn += trimmed.count
            consumed += trimmed.count
            n += 1
        }
        return segments
    }

    /// Quoted scalars: escapes (`''`, `\n`, `\x41`, …) start a new segment; line breaks fold
    /// as in plain scalars.
    static func quotedSegments(source: ConfigSource, line: Int, column: Int, double: Bool, valueLength: Int) -> [Segment] {
        var segments: [Segment] = []
        var valueLine = 1
        var valueColumn = 1
        var consumed = 0
        var n = line
        var i = column
        var startNewSegment = true
        var pendingEmpty = -1  // -1: still on the first line
        var joined = false  // the line follows an escaped line break
        while n <= source.lines.count, consumed <= valueLength {
            let l = source.line(n)
            if pendingEmpty >= 0, !joined {
                // A continuation line: leading blanks are dropped.
                i = 0
                while i < l.count, isBlank(l[i]) { i += 1 }
                if i == l.count {
                    pendingEmpty += 1
                    n += 1
                    continue
                }
                if pendingEmpty > 0 {
                    valueLine += pendingEmpty
                    valueColumn = 1
                } else {
                    valueColumn += 1
                }
                consumed += max(1, pendingEmpty)
                pendingEmpty = 0
                startNewSegment = true
            }
            joined = false
            var escapedBreak = false
            while i < l.count {
                let c = l[i]
                if !double, c == "'" {
                    if i + 1 < l.count, l[i + 1] == "'" {
                        segments.append(Segment(valueLine: valueLine, valueColumn: valueColumn, line: n, column: i + 1))
                        valueColumn += 1
                        consumed += 1
                        i += 2
                        startNewSegment = true
                        continue
                    }
                    return segments
                }
                if double, c == "\"" { return segments }
                if double, c == "\\" {
                    guard i + 1 < l.count else {
                        escapedBreak = true
                        break
                    }
                    segments.append(Segment(valueLine: valueLine, valueColumn: valueColumn, line: n, column: i + 1))
                    let width: Int
                    switch l[i + 1] {
                    case "x": width = 4
                    case "u": width = 6
                    case "U": width = 10
                    default: width = 2
                    }
                    if l[i + 1] == "n" {
                        valueLine += 1
                        valueColumn = 1
                    } else {
                        valueColumn += 1
                    }
                    consumed += 1
                    i += width
                    startNewSegment = true
                    continue
                }
                if startNewSegment {
                    segments.append(Segment(valueLine: valueLine, valueColumn: valueColumn, line: n, column: i + 1))
                    startNewSegment = false
                }
                valueColumn += 1
                consumed += 1
                i += 1
            }
            if escapedBreak {
                // `\` at the end of a line joins the next line without a space.
                n += 1
                let next = source.line(n)
                i = 0
                while i < next.count, isBlank(next[i]) { i += 1 }
                startNewSegment = true
                joined = true
                continue
            }
            // Trailing blanks before a line break are dropped from the value.
            var trailing = 0
            var j = l.count - 1
            while j >= 0, isBlank(l[j]) {
                trailing += 1
                j -= 1
            }
            valueColumn -= trailing
            consumed -= trailing
            pendingEmpty = 0
            n += 1
        }
        return segments
    }

    static func commentStart(_ s: ArraySlice<Unicode.Scalar>) -> Int? {
        var i = s.startIndex
        while i < s.endIndex {
            if s[i] == "#", i == s.startIndex || isBlank(s[i - 1]) { return i }
            i += 1
        }
        return nil
    }

    static func trimmedTrailing(_ s: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar> {
        var end = s.endIndex
        while end > s.startIndex, isBlank(s[end - 1]) { end -= 1 }
        return s[s.startIndex..<end]
    }
}
