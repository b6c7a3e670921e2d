/// One lexical token of a mapping, as the formatter and linter see it.
///
/// The Bloblang parser reads bytes directly and keeps no tokens or comments, so the tools
/// have their own small lexer. It only splits text; it never decides whether a mapping is
/// valid (the parser does that).
public struct MappingToken: Sendable, Equatable {
    /// What a token is.
    public enum Kind: Sendable, Equatable {
        /// `[A-Za-z0-9_]+` that does not start with a digit, or a path segment after `.`.
        case identifier
        /// `123` or `1.5`.
        case number
        /// `"..."` with its escapes, as written.
        case string
        /// `"""..."""`, possibly over several lines, as written.
        case tripleString
        /// `$name`.
        case variable
        /// `@`, `@name` or `@"name"`.
        case metadata
        /// Operators and punctuation: `( ) [ ] { } , : . = == != < <= > >= + - * / % ! && || | -> =>`.
        case punctuation
        /// `# ...` up to the end of the line.
        case comment
        /// A line break.
        case newline
        /// A byte no token starts with; the parser rejects it.
        case unknown
    }

    /// The kind of the token.
    public var kind: Kind
    /// The text exactly as written.
    public var text: String
    /// The UTF-8 offset of the first byte.
    public var offset: Int
    /// Whether spaces or tabs came right before it on the same line.
    public var spaceBefore: Bool

    /// Creates a token.
    public init(kind: Kind, text: String, offset: Int, spaceBefore: Bool) {
        self.kind = kind
        self.text = text
        self.offset = offset
        self.spaceBefore = spaceBefore
    }

    /// True for a punctuation token with exactly this text.
    public func isPunctuation(_ s: String) -> Bool { kind == .punctuation && text == s }

    /// The binary operators, which the formatter surrounds with spaces.
    static let binaryOperators: Set<String> = [
        "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%", "&&", "||", "|",
    ]
}

/// Splits a mapping into `MappingToken`s.
public enum MappingLexer {
    /// The tokens of `text`, newlines included. A string or comment that does not end is
    /// returned as far as it goes.
    public static func tokenize(_ text: String) -> [MappingToken] {
        let bytes = Array(text.utf8)
        var tokens: [MappingToken] = []
        var pos = 0
        var space = false

        func isIdent(_ b: UInt8) -> Bool {
            (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x5F
        }
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        func at(_ i: Int) -> UInt8 { i < bytes.count ? bytes[i] : 0 }
        func emit(_ kind: MappingToken.Kind, _ start: Int) {
            tokens.append(
                MappingToken(
                    kind: kind, text: String(decoding: bytes[start..<pos], as: UTF8.self), offset: start, spaceBefore: space))
            space = false
        }
        /// Reads a `"..."` string starting at `pos`; stops at a newline when unterminated.
        func skipQuoted() {
            pos += 1
            while pos < bytes.count {
                let b = bytes[pos]
                if b == UInt8(ascii: "\\") {
                    pos += min(2, bytes.count - pos)
                    continue
                }
                if b == 0x0A { return }
                pos += 1
                if b == UInt8(ascii: "\"") { return }
            }
        }

        while pos < bytes.count {
            let start = pos
            let b = bytes[pos]
            switch b {
            case 0x20, 0x09:
                pos += 1
                space = true
                continue
            case 0x0D where at(pos + 1) == 0x0A:
                pos += 2
                tokens.append(MappingToken(kind: .newline, text: "\n", offset: start, spaceBefore: space))
                space = false
                continue
            case 0x0D:
                pos += 1
                space = true
                continue
            case 0x0A:
                pos += 1
                emit(.newline, start)
                continue
            case UInt8(ascii: "#"):
                while pos < bytes.count, bytes[pos] != 0x0A { pos += 1 }
                // A trailing `\r` of a CRLF file is not part of the comment.
                if pos > start, bytes[pos - 1] == 0x0D, pos < bytes.count { pos -= 1 }
                emit(.comment, start)
                continue
            case UInt8(ascii: "\""):
                if at(pos + 1) == UInt8(ascii: "\""), at(pos + 2) == UInt8(ascii: "\"") {
                    pos += 3
                    while pos < bytes.count {
                        if bytes[pos] == UInt8(ascii: "\""), at(pos + 1) == UInt8(ascii: "\""), at(pos + 2) == UInt8(ascii: "\"") {
                            pos += 3
                            break
                        }
                        pos += 1
                    }
                    emit(.tripleString, start)
                } else {
                    skipQuoted()
                    emit(.string, start)
                }
                continue
            case UInt8(ascii: "$"):
                pos += 1
                while pos < bytes.count, isIdent(bytes[pos]) { pos += 1 }
                emit(.variable, start)
                continue
            case UInt8(ascii: "@"):
                pos += 1
                if at(pos) == UInt8(ascii: "\"") {
                    skipQuoted()
                } else {
                    while pos < bytes.count, isIdent(bytes[pos]) { pos += 1 }
                }
                emit(.metadata, start)
                continue
            default:
                break
            }
            // After a `.`, digits are a path segment (`this.items.0`), not a number.
            let afterDot = tokens.last?.isPunctuation(".") ?? false
            if isIdent(b) && (afterDot || !isDigit(b)) {
                while pos < bytes.count, isIdent(bytes[pos]) { pos += 1 }
                emit(.identifier, start)
                continue
            }
            if isDigit(b) {
                while pos < bytes.count, isDigit(bytes[pos]) { pos += 1 }
                if at(pos) == UInt8(ascii: "."), isDigit(at(pos + 1)) {
                    pos += 1
                    while pos < bytes.count, isDigit(bytes[pos]) { pos += 1 }
                }
                emit(.number, start)
                continue
            }
            let pair = (b, at(pos + 1))
            switch pair {
            case (UInt8(ascii: "="), UInt8(ascii: "=")), (UInt8(ascii: "!"), UInt8(ascii: "=")),
                (UInt8(ascii: "<"), UInt8(ascii: "=")), (UInt8(ascii: ">"), UInt8(ascii: "=")),
                (UInt8(ascii: "&"), UInt8(ascii: "&")), (UInt8(ascii: "|"), UInt8(ascii: "|")),
                (UInt8(ascii: "-"), UInt8(ascii: ">")), (UInt8(ascii: "="), UInt8(ascii: ">")):
                pos += 2
                emit(.punctuation, start)
                continue
            default:
                break
            }
            if "()[]{},:.=<>+-*/%!|".utf8.contains(b) {
                pos += 1
                emit(.punctuation, start)
                continue
            }
            // Anything else: one whole UTF-8 sequence.
            pos += 1
            while pos < bytes.count, bytes[pos] & 0xC0 == 0x80 { pos += 1 }
            emit(.unknown, start)
        }
        return tokens
    }
}
