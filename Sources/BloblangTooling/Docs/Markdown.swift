import Foundation

/// Small helpers for writing GitHub-flavoured markdown.
enum Markdown {
    /// An inline code span that survives backticks in `text`.
    static func code(_ text: String) -> String {
        let run = longestRun(of: "`", in: text)
        let ticks = String(repeating: "`", count: run + 1)
        let pad = text.hasPrefix("`") || text.hasSuffix("`") ? " " : ""
        return "\(ticks)\(pad)\(text)\(pad)\(ticks)"
    }

    /// A fenced code block whose fence is longer than any backtick run in `body`.
    static func fence(_ body: String, language: String) -> String {
        let fence = String(repeating: "`", count: max(3, longestRun(of: "`", in: body) + 1))
        return "\(fence)\(language)\n\(body)\n\(fence)"
    }

    /// Text for one table cell: on one line, with pipes escaped (GFM honours `\|` inside
    /// code spans in tables too).
    static func cell(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingSpaces() }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
            .replacingOccurrences(of: "|", with: "\\|")
    }

    /// The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens.
    static func slug(_ heading: String) -> String {
        var out = ""
        for ch in heading.lowercased() {
            if ch == " " {
                out.append("-")
            } else if ch == "-" || ch == "_" || ch.isLetter || ch.isNumber {
                out.append(ch)
            }
        }
        return out
    }

    private static func longestRun(of mark: Character, in text: String) -> Int {
        var longest = 0, current = 0
        for ch in text {
            current = ch == mark ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }
}

/// Hands out heading anchors the way GitHub does: a repeated slug gets `-1`, `-2`, ….
struct SlugTracker {
    private var seen: [String: Int] = [:]

    mutating func anchor(for heading: String) -> String {
        let base = Markdown.slug(heading)
        guard let count = seen[base] else {
            seen[base] = 0
            return base
        }
        seen[base] = count + 1
        return "\(base)-\(count + 1)"
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
