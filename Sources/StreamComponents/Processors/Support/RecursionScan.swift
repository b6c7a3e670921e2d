/// Decides from the text of a mapping whether its evaluation can recurse deeply.
///
/// Only named maps recurse: a map applies itself (or another map that applies it back). So a
/// mapping can nest deeply only if some `map name { ... }` body calls `apply`, or if it
/// imports maps (or reads the whole mapping `from` a file) that we cannot see here. Strings
/// and comments are skipped while scanning.
enum RecursionScan {
    static func mayRecurse(_ text: String) -> Bool {
        let b = Array(text.utf8)
        var i = 0
        var depth = 0
        /// The brace depths at which map bodies opened.
        var mapBodies: [Int] = []
        var pendingMap = false
        var sawCode = false
        func word(at j: Int, _ w: String) -> Bool {
            let u = Array(w.utf8)
            guard j + u.count <= b.count, Array(b[j..<(j + u.count)]) == u else { return false }
            let before = j == 0 ? UInt8(ascii: " ") : b[j - 1]
            let after = j + u.count < b.count ? b[j + u.count] : UInt8(ascii: " ")
            return !isIdent(before) && !isIdent(after)
        }
        while i < b.count {
            let c = b[i]
            switch c {
            case UInt8(ascii: "#"):
                while i < b.count, b[i] != UInt8(ascii: "\n") { i += 1 }
                continue
            case UInt8(ascii: "\""):
                if i + 2 < b.count, b[i + 1] == UInt8(ascii: "\""), b[i + 2] == UInt8(ascii: "\"") {
                    i += 3
                    while i + 2 < b.count,
                        !(b[i] == UInt8(ascii: "\"") && b[i + 1] == UInt8(ascii: "\"") && b[i + 2] == UInt8(ascii: "\""))
                    {
                        i += 1
                    }
                    i += 3
                } else {
                    i += 1
                    while i < b.count, b[i] != UInt8(ascii: "\"") {
                        if b[i] == UInt8(ascii: "\\") { i += 1 }
                        i += 1
                    }
                    i += 1
                }
                sawCode = true
                continue
            case UInt8(ascii: "\n"):
                // `map name {` is written on one line.
                pendingMap = false
            case UInt8(ascii: "{"):
                depth += 1
                if pendingMap {
                    mapBodies.append(depth)
                    pendingMap = false
                }
            case UInt8(ascii: "}"):
                if mapBodies.last == depth { mapBodies.removeLast() }
                depth -= 1
            default:
                if isIdent(c), i == 0 || !isIdent(b[i - 1]) {
                    if !sawCode && word(at: i, "from") { return true }
                    if word(at: i, "import") { return true }
                    if word(at: i, "map") && depth == 0 { pendingMap = true }
                    if !mapBodies.isEmpty && word(at: i, "apply") { return true }
                }
                if c != UInt8(ascii: " ") && c != UInt8(ascii: "\n") && c != UInt8(ascii: "\t") && c != UInt8(ascii: "\r") {
                    sawCode = true
                }
            }
            i += 1
        }
        return false
    }

    private static func isIdent(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "_")
    }
}
