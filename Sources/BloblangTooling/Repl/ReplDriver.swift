import Bloblang
import Foundation

/// Runs `blobl repl`: a line editor on a terminal, plain line reading otherwise.
public enum ReplDriver {
    /// The default history file, `~/.blobl_history`.
    public static var defaultHistoryPath: String {
        (ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()) + "/.blobl_history"
    }

    /// Runs the loop until `:quit` or the end of input. Returns the exit status.
    public static func run(session: ReplSession, historyPath: String?) -> Int32 {
        let interactive = isatty(0) == 1 && isatty(1) == 1
        let color = interactive && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        session.useColor = color
        let editor = interactive ? LineEditor(historyPath: historyPath) { session.completions(line: $0, cursor: $1) } : nil
        if interactive { print("blobl repl: :help lists the commands, ctrl-d leaves") }
        let prompt = color ? "\u{1B}[1;36mblobl>\u{1B}[0m " : "blobl> "
        let more = color ? "\u{1B}[2m  ...>\u{1B}[0m " : "  ...> "
        var pending: [String] = []
        while true {
            let line: String
            if let editor {
                switch editor.readLine(prompt: pending.isEmpty ? prompt : more) {
                case .eof: return 0
                case .interrupt:
                    pending = []
                    continue
                case .line(let l):
                    editor.addHistory(l)
                    line = l
                }
            } else {
                guard let l = Swift.readLine(strippingNewline: true) else {
                    if !pending.isEmpty { _ = emit(session.handle(pending.joined(separator: "\n")), color: color) }
                    return 0
                }
                line = l
            }
            pending.append(line)
            let entry = pending.joined(separator: "\n")
            if ReplSession.needsContinuation(entry) { continue }
            pending = []
            if !emit(session.handle(entry), color: color) { return 0 }
        }
    }

    /// Prints a reply; false when the session should end.
    private static func emit(_ reply: ReplSession.Reply, color: Bool) -> Bool {
        switch reply {
        case .quit: return false
        case .output(let text):
            if !text.isEmpty { FileHandle.standardOutput.write(Data((text + "\n").utf8)) }
        case .error(let text):
            let shown = color && text.hasPrefix("error:") ? "\u{1B}[31merror\u{1B}[0m:" + text.dropFirst(6) : Substring(text)
            FileHandle.standardError.write(Data((shown + (shown.hasSuffix("\n") ? "" : "\n")).utf8))
        }
        return true
    }
}
