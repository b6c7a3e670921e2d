/// A config string with `${! <query> }` interpolations, as components use for per-message
/// fields (`topic: "logs.${! @region }"`).
///
/// Text outside the interpolations is kept as written; `${{! ... }}` stands for a literal
/// `${! ... }`. Each query's result is turned into text with Bloblang's string rules (strings
/// as they are, other values as JSON).
public struct InterpolatedString: Sendable {
    enum Part: @unchecked Sendable {
        case text(String)
        case query(Expr)
    }

    let parts: [Part]
    /// The original text.
    public let source: String

    /// Parses `text`.
    /// - Throws: `ParseError` for a query that does not parse; its position is within `text`.
    public init(_ text: String, environment: Environment) throws(ParseError) {
        self.source = text
        var parts: [Part] = []
        var literal = ""
        let bytes = Array(text.utf8)
        var i = 0
        var literalStart = 0
        func flushLiteral(upTo end: Int) {
            if end > literalStart { literal += String(decoding: bytes[literalStart..<end], as: UTF8.self) }
        }
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "$"), i + 2 < bytes.count, bytes[i + 1] == UInt8(ascii: "{") {
                if bytes[i + 2] == UInt8(ascii: "{"), i + 3 < bytes.count, bytes[i + 3] == UInt8(ascii: "!") {
                    // `${{! x }}` → literal `${! x }`
                    if let close = InterpolatedString.findClose(bytes, from: i + 4, closers: 2) {
                        flushLiteral(upTo: i)
                        literal += "${" + String(decoding: bytes[(i + 3)..<close], as: UTF8.self) + "}"
                        i = close + 2
                        literalStart = i
                        continue
                    }
                }
                if bytes[i + 2] == UInt8(ascii: "!") {
                    guard let close = InterpolatedString.findClose(bytes, from: i + 3, closers: 1) else {
                        throw ParseError(
                            id: "interpolation.unclosed", message: "required: expected end of interpolation `}`",
                            range: SourceRange(i, i), source: SourceFile(text))
                    }
                    flushLiteral(upTo: i)
                    if !literal.isEmpty {
                        parts.append(.text(literal))
                        literal = ""
                    }
                    let queryText = String(decoding: bytes[(i + 3)..<close], as: UTF8.self)
                    do {
                        let (expr, _) = try Parser.parseQuery(SourceFile(queryText), env: environment)
                        parts.append(.query(expr))
                    } catch {
                        var e = error
                        e.source = SourceFile(text)
                        e.range = SourceRange(i + 3 + error.range.start, i + 3 + error.range.end)
                        throw e
                    }
                    i = close + 1
                    literalStart = i
                    continue
                }
            }
            i += 1
        }
        flushLiteral(upTo: bytes.count)
        if !literal.isEmpty { parts.append(.text(literal)) }
        self.parts = parts
    }

    /// Finds the `}` (or `}}`) that closes an interpolation, skipping quoted strings and
    /// nested braces.
    static func findClose(_ bytes: [UInt8], from start: Int, closers: Int) -> Int? {
        var depth = 0
        var i = start
        var inString = false
        while i < bytes.count {
            let b = bytes[i]
            if inString {
                if b == UInt8(ascii: "\\") { i += 2; continue }
                if b == UInt8(ascii: "\"") { inString = false }
            } else if b == UInt8(ascii: "\"") {
                inString = true
            } else if b == UInt8(ascii: "{") {
                depth += 1
            } else if b == UInt8(ascii: "}") {
                if depth == 0 {
                    if closers == 1 { return i }
                    if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "}") { return i }
                    return nil
                }
                depth -= 1
            }
            i += 1
        }
        return nil
    }

    /// True when the string has no interpolations.
    public var isStatic: Bool { parts.allSatisfy { if case .text = $0 { true } else { false } } }

    /// Renders the string for the message in `ctx`.
    public func render(_ ctx: EvalContext) throws(RuntimeError) -> String {
        if parts.count == 1, case .text(let t) = parts[0] { return t }
        var out = ""
        for part in parts {
            switch part {
            case .text(let t): out += t
            case .query(let e):
                let v = try e.eval(ctx)
                switch v {
                case .delete, .nothing: out += "null"
                default: out += v.plainString
                }
            }
        }
        return out
    }
}
