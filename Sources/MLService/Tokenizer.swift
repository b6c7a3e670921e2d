/// The one tokenizer of the reference model: it splits text into words and punctuation marks.
///
/// - A word is a run of letters and digits. An apostrophe or a hyphen between two letters or
///   digits stays inside the word (`don't`, `West-End`).
/// - Every other character that is not whitespace is a token of its own (`.`, `,`, `(`, `"`,
///   an emoji).
/// - Whitespace separates tokens and is never part of one.
///
/// The same rules count `prompt_tokens` and `completion_tokens`, and `join(_:)` writes tokens
/// back so that `tokens(join(t)) == t` for any tokens this tokenizer produced: the token counts
/// the service reports can be checked by re-tokenizing its output.
public enum Tokenizer {
    /// The tokens of `text`, in order.
    public static func tokens(_ text: String) -> [String] {
        var out: [String] = []
        var word = ""
        let chars = Array(text)
        for (i, c) in chars.enumerated() {
            if isWordCharacter(c) {
                word.append(c)
                continue
            }
            if (c == "'" || c == "’" || c == "-"), !word.isEmpty, i + 1 < chars.count, isWordCharacter(chars[i + 1]) {
                word.append(c)
                continue
            }
            if !word.isEmpty {
                out.append(word)
                word = ""
            }
            if !c.isWhitespace { out.append(String(c)) }
        }
        if !word.isEmpty { out.append(word) }
        return out
    }

    /// The number of tokens in `text`.
    public static func count(_ text: String) -> Int { tokens(text).count }

    /// Writes tokens back as text: a space between tokens, except before closing punctuation
    /// and after opening brackets, so the text reads naturally and re-tokenizes to the same tokens.
    public static func join(_ tokens: some Sequence<String>) -> String {
        var out = ""
        var previous: String?
        for token in tokens {
            if let previous, !noSpaceBefore.contains(token), !noSpaceAfter.contains(previous) {
                out.append(" ")
            }
            out.append(token)
            previous = token
        }
        return out
    }

    /// Letters and digits make words; `_` does not (the training text marks italics with it).
    static func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber }

    private static let noSpaceBefore: Set<String> = [".", ",", ";", ":", "!", "?", ")", "]", "}"]
    private static let noSpaceAfter: Set<String> = ["(", "[", "{"]
}
