import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Expands the `paths` of the file input: shell globs (`*`, `?`, `[...]`) and super globs
/// (`**`, any number of folders), as Benthos's `filepath.Globs` does.
enum PathGlob {
    /// The paths matched by `patterns`, in order, each once. A pattern without glob
    /// characters that matches nothing is kept as written (opening it reports the error later).
    static func expand(_ patterns: [String]) throws(POSIXIOError) -> [String] {
        var out: [String] = []
        var seen: Set<String> = []
        for pattern in patterns {
            let matches: [String]
            if pattern.contains("**") {
                matches = superGlob(pattern.components(separatedBy: "**"))
            } else {
                matches = try shellGlob(pattern)
            }
            for m in matches where seen.insert(m).inserted { out.append(m) }
            if matches.isEmpty, !hasMeta(pattern), seen.insert(pattern).inserted {
                out.append(pattern)
            }
        }
        return out
    }

    static func hasMeta(_ path: String) -> Bool {
        path.contains { $0 == "*" || $0 == "?" || $0 == "[" || $0 == "\\" }
    }

    /// Shell-style matching of one pattern (sorted, as Go's `fs.Glob`).
    static func shellGlob(_ pattern: String) throws(POSIXIOError) -> [String] {
        if !hasMeta(pattern) {
            var info = stat()
            return stat(pattern, &info) == 0 ? [pattern] : []
        }
        var result = glob_t()
        defer { globfree(&result) }
        let status = glob(pattern, 0, nil, &result)
        if status == GLOB_NOMATCH { return [] }
        if status != 0 { throw POSIXIOError("glob \(pattern): syntax error in pattern") }
        var paths: [String] = []
        for i in 0..<Int(result.gl_pathc) {
            if let p = result.gl_pathv[i] { paths.append(String(cString: p)) }
        }
        return paths
    }

    /// `a/**/b*.txt`: the first segment is globbed, then every file or folder below each
    /// match is tried against the rest.
    private static func superGlob(_ segments: [String]) -> [String] {
        var matches: Set<String> = [""]
        for (i, segment) in segments.enumerated() {
            let last = i == segments.count - 1
            var next: Set<String> = []
            for base in matches {
                let pattern = base + segment
                let found = (try? shellGlob(pattern.isEmpty ? "." : pattern)) ?? []
                for path in found {
                    walk(path) { candidate, isDirectory in
                        if !(last && isDirectory) { next.insert(candidate) }
                    }
                }
            }
            matches = next
        }
        return matches.sorted()
    }

    /// Calls `visit` for `root` and everything below it.
    private static func walk(_ root: String, _ visit: (String, Bool) -> Void) {
        var info = stat()
        guard stat(root, &info) == 0 else { return }
        let isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
        visit(root, isDirectory)
        guard isDirectory, let names = try? FileManager.default.contentsOfDirectory(atPath: root) else { return }
        for name in names.sorted() {
            walk(root == "." ? name : (root.hasSuffix("/") ? root + name : root + "/" + name), visit)
        }
    }
}
