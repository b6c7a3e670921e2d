/// Unix file path helpers with the results of Go's `path/filepath`.
enum GoFilePath {
    /// `filepath.Clean`: the shortest lexically equivalent path.
    static func clean(_ path: String) -> String {
        if path.isEmpty { return "." }
        let rooted = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".":
                continue
            case "..":
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if !rooted {
                    parts.append(part)
                }
            default:
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        if rooted { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// `filepath.Join`: joins the non-empty elements with `/` and cleans the result; gives
    /// the empty string when every element is empty.
    static func join(_ elements: [String]) -> String {
        let nonEmpty = elements.filter { !$0.isEmpty }
        if nonEmpty.isEmpty { return "" }
        return clean(nonEmpty.joined(separator: "/"))
    }

    /// `filepath.Split`: the directory (up to and including the last `/`) and the file name.
    static func split(_ path: String) -> (dir: String, file: String) {
        let b = Array(path.utf8)
        guard let slash = b.lastIndex(of: UInt8(ascii: "/")) else { return ("", path) }
        return (String(decoding: b[...slash], as: UTF8.self), String(decoding: b[(slash + 1)...], as: UTF8.self))
    }
}
