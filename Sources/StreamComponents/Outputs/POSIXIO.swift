#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A failed system call, worded like Go's `*PathError` (`open /x: no such file or directory`)
/// so that component errors read as Benthos's do.
struct POSIXIOError: Error, CustomStringConvertible, Sendable {
    var description: String

    init(_ description: String) { self.description = description }

    /// `<op> <path>: <strerror(errno)>`, with the reason in lower case as Go prints it.
    init(op: String, path: String, errno code: Int32) {
        description = "\(op) \(path): \(POSIXIO.reason(code))"
    }
}

/// Thin wrappers over `read`, `write` and `open` that retry on `EINTR` and finish partial
/// writes.
enum POSIXIO {
    /// The lower-cased `strerror` text of an errno value.
    static func reason(_ code: Int32) -> String {
        guard let cText = strerror(code) else { return "errno \(code)" }
        let text = String(cString: cText)
        guard let first = text.first else { return text }
        return first.lowercased() + text.dropFirst()
    }

    /// Writes every byte of `bytes` to `fd`.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(POSIXIOError) {
        var offset = 0
        var failure: Int32 = 0
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            while offset < raw.count {
                let n = write(fd, base + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += n
            }
        }
        if failure != 0 { throw POSIXIOError(op: "write", path: path, errno: failure) }
    }

    /// Reads up to `capacity` bytes from `fd`; an empty result means end of file.
    static func readChunk(_ fd: Int32, capacity: Int, path: String) throws(POSIXIOError) -> [UInt8] {
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            while true {
                let n = read(fd, buffer.baseAddress, capacity)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    count = 0
                    return
                }
                count = n
                return
            }
        }
        if failure != 0 { throw POSIXIOError(op: "read", path: path, errno: failure) }
        return bytes
    }

    /// Opens `path` with `flags` (creating it with mode 0666 when `O_CREAT` is set).
    static func openFile(_ path: String, flags: Int32) throws(POSIXIOError) -> Int32 {
        while true {
            let fd = open(path, flags | O_CLOEXEC, 0o666)
            if fd >= 0 { return fd }
            if errno == EINTR { continue }
            throw POSIXIOError(op: "open", path: path, errno: errno)
        }
    }

    /// Closes a descriptor, ignoring errors.
    static func closeFile(_ fd: Int32) {
        _ = close(fd)
    }

    /// Creates `path` and its missing parents (mode 0777), as Go's `os.MkdirAll`.
    static func makeDirectories(_ path: String) throws(POSIXIOError) {
        if path.isEmpty || path == "." || path == "/" { return }
        var info = stat()
        if stat(path, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFDIR { return }
            throw POSIXIOError(op: "mkdir", path: path, errno: ENOTDIR)
        }
        try makeDirectories(parent(of: path))
        if mkdir(path, 0o777) != 0, errno != EEXIST {
            throw POSIXIOError(op: "mkdir", path: path, errno: errno)
        }
    }

    /// The folder part of a path (`.` when there is none).
    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// Lexically cleans a path as Go's `filepath.Clean` does: repeated and trailing slashes,
    /// `.` and `..` elements are resolved without touching the file system.
    static func clean(_ path: String) -> String {
        if path.isEmpty { return "." }
        let rooted = path.hasPrefix("/")
        var parts: [Substring] = []
        for element in path.split(separator: "/", omittingEmptySubsequences: true) {
            if element == "." { continue }
            if element == ".." {
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if !rooted {
                    parts.append(element)
                }
                continue
            }
            parts.append(element)
        }
        let joined = parts.joined(separator: "/")
        if rooted { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }
}
