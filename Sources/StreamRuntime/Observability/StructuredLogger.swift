import Bloblang
import Foundation
import Logging

/// The logger components use: levelled, structured lines in JSON or logfmt (the `logger`
/// config section), written through swift-log with a `StructuredLogHandler`.
///
/// ```swift
/// let log = StructuredLogger(level: .info, format: .json)
/// log.with(["label": "in", "path": "root.input"]).info("Input type stdin is now active")
/// ```
public final class StructuredLogger: Sendable {
    public enum Level: Int, Sendable, Comparable, CaseIterable {
        case trace, debug, info, warn, error, off
        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
        public var name: String { ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF"][rawValue] }

        /// The level named in a `logger.level` config (case-insensitive, Benthos's names:
        /// `OFF`, `NONE`, `FATAL`, `ERROR`, `WARN`, `INFO`, `DEBUG`, `TRACE`, `ALL`).
        public init?(configName: String) {
            switch configName.uppercased() {
            case "OFF", "NONE", "FATAL": self = .off
            case "ERROR": self = .error
            case "WARN", "WARNING": self = .warn
            case "INFO": self = .info
            case "DEBUG": self = .debug
            case "TRACE", "ALL": self = .trace
            default: return nil
            }
        }

        /// The swift-log level.
        public var swiftLogLevel: Logger.Level {
            switch self {
            case .trace: .trace
            case .debug: .debug
            case .info: .info
            case .warn: .warning
            case .error: .error
            case .off: .critical
            }
        }
    }

    public enum Format: String, Sendable { case json, logfmt }

    public let level: Level
    public let lineFormat: LogLineFormat
    /// Fields added to every line.
    public let fields: [String: Value]
    public let sink: LogSink
    /// A swift-log logger writing the same lines (its metadata holds `fields`).
    public let logger: Logger

    public var format: Format { lineFormat.style == .json ? .json : .logfmt }

    /// - Parameters:
    ///   - level: the lowest level written.
    ///   - format: JSON (default here) or logfmt; timestamps are added.
    ///   - fields: added to every line.
    ///   - sink: receives each line without its newline (standard error by default).
    public convenience init(
        level: Level = .info, format: Format = .json, fields: [String: Value] = [:],
        sink: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
    ) {
        self.init(
            level: level, lineFormat: LogLineFormat(style: format == .json ? .json : .logfmt), fields: fields,
            sink: LogSink(sink))
    }

    /// A logger with full control of the line format.
    public init(level: Level, lineFormat: LogLineFormat, fields: [String: Value] = [:], sink: LogSink) {
        self.level = level
        self.lineFormat = lineFormat
        self.fields = fields
        self.sink = sink
        var metadata: Logger.Metadata = [:]
        for (k, v) in fields { metadata[k] = LogValue.metadata(v) }
        let handler = StructuredLogHandler(format: lineFormat, level: level.swiftLogLevel, sink: sink, metadata: metadata)
        self.logger = Logger(label: "sluice", factory: { _ in handler })
    }

    /// A logger that writes nothing.
    public static var silent: StructuredLogger { StructuredLogger(level: .off, lineFormat: LogLineFormat(), sink: .discard) }

    /// A logger that adds `fields` to every line.
    public func with(_ more: [String: Value]) -> StructuredLogger {
        StructuredLogger(level: level, lineFormat: lineFormat, fields: fields.merging(more) { _, b in b }, sink: sink)
    }

    /// A logger that adds string fields to every line.
    public func with(_ more: [String: String]) -> StructuredLogger {
        with(more.mapValues { Value.string($0) })
    }

    /// True when lines at `l` are written.
    public func isEnabled(_ l: Level) -> Bool { l >= level && l != .off && level != .off }

    public func log(_ l: Level, _ message: String, _ extra: [String: Value] = [:]) {
        guard isEnabled(l) else { return }
        var metadata: Logger.Metadata?
        if !extra.isEmpty {
            var m: Logger.Metadata = [:]
            for (k, v) in extra { m[k] = LogValue.metadata(v) }
            metadata = m
        }
        logger.log(level: l.swiftLogLevel, "\(message)", metadata: metadata)
    }

    public func trace(_ m: String, _ f: [String: Value] = [:]) { log(.trace, m, f) }
    public func debug(_ m: String, _ f: [String: Value] = [:]) { log(.debug, m, f) }
    public func info(_ m: String, _ f: [String: Value] = [:]) { log(.info, m, f) }
    public func warn(_ m: String, _ f: [String: Value] = [:]) { log(.warn, m, f) }
    public func error(_ m: String, _ f: [String: Value] = [:]) { log(.error, m, f) }
}
