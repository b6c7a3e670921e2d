import Foundation

/// Replaces environment variable references in config text before it is parsed, as Benthos
/// does:
///
/// - `${NAME}`: the variable's value; an unset variable is reported as missing.
/// - `${NAME:default}`: the value, or `default` when the variable is unset or empty.
/// - `${NAME|base64decode}`, `${NAME:default|base64decode}`: the value decoded.
/// - `${{NAME}}` stands for a literal `${NAME}`.
///
/// Names are letters, digits, `_` and `.`, so `${! ... }` (a Bloblang interpolation, left for
/// components to evaluate per message) and `${{! ... }}` are never touched. Line breaks in
/// values are written as `\n` so that every line of the config keeps its number.
public enum EnvInterpolation {
    /// The outcome of a replacement.
    public struct Result: Sendable {
        public var text: String
        /// Variables referenced without a default that are not set, with where they were written.
        public var missing: [(name: String, line: Int, column: Int)]
        /// Other problems (an unknown decode function, a value that is not base64).
        public var errors: [(message: String, line: Int, column: Int)]
    }

    /// Replaces every reference in `text`, reading variables with `lookup`.
    public static func apply(_ text: String, lookup: (String) -> String?) -> Result {
        var result = Result(text: "", missing: [], errors: [])
        guard text.contains("${") else {
            result.text = text
            return result
        }
        let s = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        var line = 1
        var column = 1
        while i < s.count {
            if s[i] == "$", let (end, name, defaultValue, function) = match(s, at: i, braces: 1) {
                var value: String
                if let defaultValue {
                    value = lookup(name) ?? ""
                    if value.isEmpty { value = defaultValue }
                } else if let v = lookup(name) {
                    value = v
                } else {
                    value = ""
                    result.missing.append((name, line, column))
                }
                if let function {
                    if function == "base64decode" {
                        if let data = Data(base64Encoded: value) {
                            value = String(decoding: data, as: UTF8.self)
                        } else {
                            result.errors.append(("failed to decode base64-encoded env var \(name)", line, column))
                        }
                    } else {
                        result.errors.append(("unknown env var decode function: \(function)", line, column))
                    }
                }
                out.append(contentsOf: value.replacingOccurrences(of: "\n", with: "\\n").unicodeScalars)
                column += end - i
                i = end
                continue
            }
            if s[i] == "\n" {
                line += 1
                column = 0
            }
            out.append(s[i])
            column += 1
            i += 1
        }
        // Second pass: `${{NAME...}}` → `${NAME...}`.
        let replaced = Array(out)
        var final = String.UnicodeScalarView()
        i = 0
        while i < replaced.count {
            if replaced[i] == "$", let (end, _, _, _) = match(replaced, at: i, braces: 2) {
                final.append("$")
                final.append(contentsOf: replaced[(i + 2)..<(end - 1)])
                i = end
                continue
            }
            final.append(replaced[i])
            i += 1
        }
        result.text = String(final)
        return result
    }

    static func isNameScalar(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "a"..."z", "A"..."Z", "0"..."9", "_", ".": true
        default: false
        }
    }

    /// Matches `${NAME[:default][|func]}` (or, with `braces: 2`, `${{NAME[:default]}}`) at `i`:
    /// the end offset, the name, the default (nil without a colon) and the function.
    static func match(_ s: [Unicode.Scalar], at i: Int, braces: Int) -> (Int, String, String?, String?)? {
        var j = i + 1
        for _ in 0..<braces {
            guard j < s.count, s[j] == "{" else { return nil }
            j += 1
        }
        let nameStart = j
        while j < s.count, isNameScalar(s[j]) { j += 1 }
        guard j > nameStart else { return nil }
        let name = String(String.UnicodeScalarView(s[nameStart..<j]))
        var defaultValue: String?
        var function: String?
        if j < s.count, s[j] == ":" {
            // The default runs to the closing brace; nested `${...}` groups are kept whole.
            let start = j + 1
            var k = start
            var closed: Int?
            while k < s.count {
                if s[k] == "}" {
                    closed = k
                    break
                }
                if s[k] == "$", k + 1 < s.count, s[k + 1] == "{", let close = s[(k + 2)...].firstIndex(of: "}"), close > k + 2 {
                    k = close + 1
                    continue
                }
                k += 1
            }
            if closed == nil {
                // No brace after the nested groups: fall back to the first `}`.
                closed = s[start...].firstIndex(of: "}")
            }
            guard let end = closed else { return nil }
            var body = String(String.UnicodeScalarView(s[start..<end]))
            if braces == 1, let pipe = body.lastIndex(of: "|") {
                let f = String(body[body.index(after: pipe)...])
                if !f.isEmpty { function = f }
                body = String(body[..<pipe])
            }
            defaultValue = body
            j = end
        } else if braces == 1, j < s.count, s[j] == "|" {
            let fStart = j + 1
            j = fStart
            while j < s.count, isNameScalar(s[j]), s[j] != "_", s[j] != "." { j += 1 }
            guard j > fStart else { return nil }
            function = String(String.UnicodeScalarView(s[fStart..<j]))
        }
        for _ in 0..<braces {
            guard j < s.count, s[j] == "}" else { return nil }
            j += 1
        }
        return (j, name, defaultValue, function)
    }
}
