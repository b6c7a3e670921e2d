import Bloblang
import Foundation
import Synchronization

/// JSON (or logfmt) log lines on stderr. (Minimal version: the observability helper extends it.)
public final class StructuredLogger: Sendable {
    public enum Level: Int, Sendable, Comparable, CaseIterable {
        case trace, debug, info, warn, error, off
        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
        public var name: String { ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF"][rawValue] }
    }
    public enum Format: String, Sendable { case json, logfmt }

    public let level: Level
    public let format: Format
    public let fields: [String: Value]
    private let sink: @Sendable (String) -> Void

    public init(level: Level = .info, format: Format = .json, fields: [String: Value] = [:],
                sink: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }) {
        self.level = level
        self.format = format
        self.fields = fields
        self.sink = sink
    }

    /// A logger that adds `fields` to every line.
    public func with(_ more: [String: Value]) -> StructuredLogger {
        StructuredLogger(level: level, format: format, fields: fields.merging(more) { _, b in b }, sink: sink)
    }

    public func log(_ l: Level, _ message: String, _ extra: [String: Value] = [:]) {
        guard l >= level, l != .off else { return }
        var all = fields.merging(extra) { _, b in b }
        all["level"] = .string(l.name.lowercased())
        all["msg"] = .string(message)
        all["time"] = .string(Timestamp.now().rfc3339Nano)
        switch format {
        case .json:
            sink(String(decoding: JSONWriter.compact(.object(all), escapeHTML: false), as: UTF8.self))
        case .logfmt:
            sink(all.keys.sorted().map { k in
                let v = all[k]!.plainString
                return v.contains(" ") || v.contains("=") || v.contains("\"") ? "\(k)=\(goQuote(v))" : "\(k)=\(v)"
            }.joined(separator: " "))
        }
    }

    public func debug(_ m: String, _ f: [String: Value] = [:]) { log(.debug, m, f) }
    public func info(_ m: String, _ f: [String: Value] = [:]) { log(.info, m, f) }
    public func warn(_ m: String, _ f: [String: Value] = [:]) { log(.warn, m, f) }
    public func error(_ m: String, _ f: [String: Value] = [:]) { log(.error, m, f) }
}
