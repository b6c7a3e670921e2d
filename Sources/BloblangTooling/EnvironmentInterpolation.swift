import Foundation

/// Replaces `${NAME}` and `${NAME:default}` with environment variables, as Benthos does to
/// configs and mapping files before parsing. `${!...}` (Bloblang interpolation) is left alone.
public enum EnvironmentInterpolation {
    public static func replace(in text: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        guard text.contains("${") else { return text }
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "${") {
            out += rest[..<open.lowerBound]
            let after = rest[open.upperBound...]
            guard let close = after.firstIndex(of: "}"), !after.hasPrefix("!") else {
                out += "${"
                rest = after
                continue
            }
            let body = after[..<close]
            let nameEnd = body.firstIndex(of: ":") ?? body.endIndex
            let name = String(body[..<nameEnd])
            let valid = !name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
            guard valid else {
                out += "${"
                rest = after
                continue
            }
            if let v = environment[name], !v.isEmpty {
                out += v
            } else if nameEnd < body.endIndex {
                out += body[body.index(after: nameEnd)...]
            } else {
                // Unset with no default: keep the text, which may be a regex group reference.
                out += "${" + body + "}"
            }
            rest = after[after.index(after: close)...]
        }
        out += rest
        return out
    }
}
