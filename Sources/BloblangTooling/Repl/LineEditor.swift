import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A small line editor over a raw-mode terminal: cursor keys, ctrl-a/e/u/k/w/c/d, history
/// (up/down, persisted to a file) and tab completion. Used by `blobl repl` on a terminal.
public final class LineEditor {
    /// What reading a line gave.
    public enum Outcome: Equatable {
        /// A line was entered.
        case line(String)
        /// Ctrl-C: the line was abandoned.
        case interrupt
        /// Ctrl-D on an empty line, or the end of input.
        case eof
    }

    /// Entered lines, oldest first.
    public private(set) var history: [String] = []
    let historyPath: String?
    let maxHistory = 1000
    let complete: (String, Int) -> (start: Int, candidates: [String])
    let fd: Int32 = 0

    /// Creates an editor.
    /// - Parameters:
    ///   - historyPath: the history file, read now and appended to per line; nil keeps none.
    ///   - complete: candidates for the word ending at a cursor (Character index).
    public init(historyPath: String?, complete: @escaping (String, Int) -> (start: Int, candidates: [String])) {
        self.historyPath = historyPath
        self.complete = complete
        if let historyPath, let data = FileManager.default.contents(atPath: historyPath) {
            history = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init).suffix(maxHistory).map { $0 }
        }
    }

    /// Records a line in the history and appends it to the history file.
    public func addHistory(_ line: String) {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, history.last != line else { return }
        history.append(line)
        if history.count > maxHistory { history.removeFirst(history.count - maxHistory) }
        guard let historyPath else { return }
        if !FileManager.default.fileExists(atPath: historyPath) {
            _ = FileManager.default.createFile(atPath: historyPath, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        if let handle = FileHandle(forWritingAtPath: historyPath) {
            handle.seekToEndOfFile()
            handle.write(Data((line + "\n").utf8))
            try? handle.close()
        }
    }

    // MARK: - Terminal

    private func write(_ s: String) {
        let bytes = Array(s.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { p in Glibc.write(1, p.baseAddress, p.count) }
            if n <= 0 { return }
            offset += n
        }
    }

    private func readByte() -> UInt8? {
        var b: UInt8 = 0
        while true {
            let n = read(fd, &b, 1)
            if n == 1 { return b }
            if n < 0, errno == EINTR { continue }
            return nil
        }
    }

    /// Switches the terminal to raw mode; returns the settings to restore.
    private func enableRaw() -> termios? {
        var original = termios()
        guard tcgetattr(fd, &original) == 0 else { return nil }
        var raw = original
        raw.c_iflag &= ~tcflag_t(BRKINT | ICRNL | INPCK | ISTRIP | IXON)
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | IEXTEN | ISIG)
        raw.c_cflag |= tcflag_t(CS8)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        guard tcsetattr(fd, TCSADRAIN, &raw) == 0 else { return nil }
        return original
    }

    // MARK: - Reading

    /// Reads one line, showing `prompt`.
    public func readLine(prompt: String) -> Outcome {
        guard var original = enableRaw() else { return .eof }
        defer { tcsetattr(fd, TCSADRAIN, &original) }
        var buffer: [Character] = []
        var cursor = 0
        var historyIndex = history.count
        var draft: [Character] = []

        func refresh() {
            var s = "\r" + prompt + String(buffer) + "\u{1B}[K"
            let back = buffer.count - cursor
            if back > 0 { s += "\u{1B}[\(back)D" }
            write(s)
        }
        func recall(_ index: Int) {
            if historyIndex == history.count { draft = buffer }
            historyIndex = index
            buffer = index == history.count ? draft : Array(history[index])
            cursor = buffer.count
            refresh()
        }
        write(prompt)
        while let b = readByte() {
            switch b {
            case 13, 10:
                write("\r\n")
                return .line(String(buffer))
            case 3:
                write("^C\r\n")
                return .interrupt
            case 4:
                if buffer.isEmpty {
                    write("\r\n")
                    return .eof
                }
                if cursor < buffer.count {
                    buffer.remove(at: cursor)
                    refresh()
                }
            case 1:
                cursor = 0
                refresh()
            case 5:
                cursor = buffer.count
                refresh()
            case 2:
                if cursor > 0 { cursor -= 1 }
                refresh()
            case 6:
                if cursor < buffer.count { cursor += 1 }
                refresh()
            case 21:
                buffer.removeFirst(cursor)
                cursor = 0
                refresh()
            case 11:
                buffer.removeLast(buffer.count - cursor)
                refresh()
            case 23:
                var start = cursor
                while start > 0, buffer[start - 1] == " " { start -= 1 }
                while start > 0, buffer[start - 1] != " " { start -= 1 }
                buffer.removeSubrange(start..<cursor)
                cursor = start
                refresh()
            case 12:
                write("\u{1B}[H\u{1B}[2J")
                refresh()
            case 16:
                if historyIndex > 0 { recall(historyIndex - 1) }
            case 14:
                if historyIndex < history.count { recall(historyIndex + 1) }
            case 127, 8:
                if cursor > 0 {
                    buffer.remove(at: cursor - 1)
                    cursor -= 1
                    refresh()
                }
            case 9:
                completeWord(&buffer, &cursor, prompt: prompt)
                refresh()
            case 27:
                guard let next = readByte() else { return .eof }
                var final: UInt8 = 0
                var params = ""
                if next == UInt8(ascii: "[") || next == UInt8(ascii: "O") {
                    while let c = readByte() {
                        if c >= 0x40 && c <= 0x7E {
                            final = c
                            break
                        }
                        params.append(Character(Unicode.Scalar(c)))
                    }
                }
                switch (final, params) {
                case (UInt8(ascii: "A"), _): if historyIndex > 0 { recall(historyIndex - 1) }
                case (UInt8(ascii: "B"), _): if historyIndex < history.count { recall(historyIndex + 1) }
                case (UInt8(ascii: "C"), _):
                    if cursor < buffer.count { cursor += 1 }
                    refresh()
                case (UInt8(ascii: "D"), _):
                    if cursor > 0 { cursor -= 1 }
                    refresh()
                case (UInt8(ascii: "H"), _), (UInt8(ascii: "~"), "1"), (UInt8(ascii: "~"), "7"):
                    cursor = 0
                    refresh()
                case (UInt8(ascii: "F"), _), (UInt8(ascii: "~"), "4"), (UInt8(ascii: "~"), "8"):
                    cursor = buffer.count
                    refresh()
                case (UInt8(ascii: "~"), "3"):
                    if cursor < buffer.count {
                        buffer.remove(at: cursor)
                        refresh()
                    }
                default: break
                }
            default:
                guard b >= 32 else { continue }
                var bytes = [b]
                let extra = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : 0
                for _ in 0..<extra { if let c = readByte() { bytes.append(c) } }
                for ch in String(decoding: bytes, as: UTF8.self) {
                    buffer.insert(ch, at: cursor)
                    cursor += 1
                }
                if cursor == buffer.count, extra == 0 { write(String(decoding: bytes, as: UTF8.self)) } else { refresh() }
            }
        }
        return .eof
    }

    /// Completes the word before the cursor: the single candidate, or the longest common
    /// prefix; lists the candidates when that adds nothing.
    private func completeWord(_ buffer: inout [Character], _ cursor: inout Int, prompt: String) {
        let (start, candidates) = complete(String(buffer), cursor)
        guard !candidates.isEmpty else { return }
        let word = String(buffer[start..<cursor])
        var prefix = candidates[0]
        for c in candidates.dropFirst() {
            while !c.hasPrefix(prefix) { prefix.removeLast() }
        }
        if candidates.count == 1 { prefix = candidates[0] + (candidates[0].hasPrefix(":") ? " " : "") }
        if prefix.count > word.count {
            buffer.replaceSubrange(start..<cursor, with: Array(prefix))
            cursor = start + prefix.count
            return
        }
        let shown = candidates.prefix(60).joined(separator: "  ")
        write("\r\n" + shown + (candidates.count > 60 ? "  … (\(candidates.count) in all)" : "") + "\r\n")
    }
}
