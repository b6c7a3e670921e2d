/// A CSV reader with the behaviour and error messages of Go's `encoding/csv` `ReadAll`:
/// RFC 4180 quoting, `\r\n` read as `\n`, blank lines skipped, and every record required
/// to have as many fields as the first.
struct CSVReader {
    /// A parse failure, rendered as Go renders a `csv.ParseError`.
    struct Failure: Error {
        var message: String
    }

    var delimiter: Unicode.Scalar = ","
    var lazyQuotes = false

    /// Reads every record of `input`.
    func readAll(_ input: [UInt8]) throws(Failure) -> [[String]] {
        let d = delimiter.value
        guard d != 0, d != 0x22, d != 0x0D, d != 0x0A, d != 0xFFFD else {
            throw Failure(message: "csv: invalid field or comment delimiter")
        }
        let delim = Array(String(Character(delimiter)).utf8)
        var lines = LineSource(input)
        var records: [[String]] = []
        var fieldsPerRecord = 0
        while let record = try readRecord(&lines, delim) {
            if records.isEmpty {
                fieldsPerRecord = record.fields.count
            } else if record.fields.count != fieldsPerRecord {
                throw Failure(message: "record on line \(record.line): wrong number of fields")
            }
            records.append(record.fields)
        }
        return records
    }

    /// Reads lines one at a time, each with its trailing `\n`, normalising `\r\n`.
    private struct LineSource {
        let data: [UInt8]
        var offset = 0
        var lineNumber = 0

        init(_ data: [UInt8]) { self.data = data }

        /// The next line, or nil at the end of input.
        mutating func next() -> [UInt8]? {
            guard offset < data.count else { return nil }
            var end = offset
            while end < data.count && data[end] != 0x0A { end += 1 }
            var line: [UInt8]
            if end < data.count {
                line = Array(data[offset...end])
                offset = end + 1
            } else {
                line = Array(data[offset..<end])
                offset = end
                if line.last == 0x0D { line.removeLast() }
            }
            lineNumber += 1
            let n = line.count
            if n >= 2 && line[n - 2] == 0x0D && line[n - 1] == 0x0A {
                line.removeLast(2)
                line.append(0x0A)
            }
            return line
        }
    }

    private static func lengthNL(_ b: ArraySlice<UInt8>) -> Int { b.last == 0x0A ? 1 : 0 }

    private func parseError(start: Int, line: Int, column: Int, _ what: String) -> Failure {
        if start != line {
            return Failure(message: "record on line \(start); parse error on line \(line), column \(column): \(what)")
        }
        return Failure(message: "parse error on line \(line), column \(column): \(what)")
    }

    private static let bareQuote = "bare \" in non-quoted-field"
    private static let extraneousQuote = "extraneous or missing \" in quoted-field"

    private func readRecord(_ lines: inout LineSource, _ delim: [UInt8]) throws(Failure) -> (
        fields: [String], line: Int
    )? {
        // Skip blank lines.
        var current: [UInt8]?
        while let l = lines.next() {
            if l.count == Self.lengthNL(l[...]) { continue }
            current = l
            break
        }
        guard let first = current else { return nil }
        let recordLine = lines.lineNumber
        var fields: [String] = []
        var buffer: [UInt8] = []
        var line = first[...]
        var lineNo = lines.lineNumber
        var posLine = lineNo
        var col = 1
        let quote: UInt8 = 0x22

        fieldLoop: while true {
            if line.isEmpty || line.first != quote {
                // An unquoted field runs to the next delimiter or the end of the line.
                let i = GoBytes.index(of: delim, in: Array(line))
                let field = i >= 0 ? line.prefix(i) : line.dropLast(Self.lengthNL(line))
                if !lazyQuotes, let j = field.firstIndex(of: quote) {
                    throw parseError(start: recordLine, line: lineNo, column: col + (j - field.startIndex), Self.bareQuote)
                }
                fields.append(String(decoding: field, as: UTF8.self))
                if i >= 0 {
                    line = line.dropFirst(i + delim.count)
                    col += i + delim.count
                    continue fieldLoop
                }
                break fieldLoop
            }
            // A quoted field, which may span lines.
            line = line.dropFirst()
            col += 1
            buffer.removeAll(keepingCapacity: true)
            while true {
                if let q = line.firstIndex(of: quote) {
                    let i = q - line.startIndex
                    buffer.append(contentsOf: line.prefix(i))
                    line = line.dropFirst(i + 1)
                    col += i + 1
                    if line.first == quote {
                        buffer.append(quote)
                        line = line.dropFirst()
                        col += 1
                    } else if line.starts(with: delim) {
                        line = line.dropFirst(delim.count)
                        col += delim.count
                        fields.append(String(decoding: buffer, as: UTF8.self))
                        continue fieldLoop
                    } else if Self.lengthNL(line) == line.count {
                        fields.append(String(decoding: buffer, as: UTF8.self))
                        break fieldLoop
                    } else if lazyQuotes {
                        buffer.append(quote)
                    } else {
                        throw parseError(start: recordLine, line: lineNo, column: col - 1, Self.extraneousQuote)
                    }
                } else if !line.isEmpty {
                    // The field goes on past the end of this line.
                    buffer.append(contentsOf: line)
                    col += line.count
                    line = lines.next()?[...] ?? []
                    lineNo = lines.lineNumber
                    if !line.isEmpty {
                        posLine += 1
                        col = 1
                    }
                } else {
                    if !lazyQuotes {
                        throw parseError(start: recordLine, line: posLine, column: col, Self.extraneousQuote)
                    }
                    fields.append(String(decoding: buffer, as: UTF8.self))
                    break fieldLoop
                }
            }
        }
        return (fields, recordLine)
    }
}
