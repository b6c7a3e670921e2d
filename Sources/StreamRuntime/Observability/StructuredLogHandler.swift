import Bloblang
import Foundation
import Logging

/// A swift-log `LogHandler` that writes Benthos-style JSON or logfmt lines to a sink.
///
/// Any swift-log `Logger` built on it (for example after `LoggingSystem.bootstrap`) writes the
/// same lines as `StructuredLogger`. Metadata values made with `LogValue` keep their Bloblang
/// type in JSON output (numbers stay numbers).
public struct StructuredLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    public var metadataProvider: Logger.MetadataProvider?
    public let format: LogLineFormat
    public let sink: LogSink

    public init(
        format: LogLineFormat = LogLineFormat(), level: Logger.Level = .info, sink: LogSink = .standardError,
        metadata: Logger.Metadata = [:]
    ) {
        self.format = format
        self.logLevel = level
        self.sink = sink
        self.metadata = metadata
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, b in b } }
        if let extra = event.metadata { merged.merge(extra) { _, b in b } }
        if let error = event.error, merged["error"] == nil { merged["error"] = .string("\(error)") }
        var fields: [String: Value] = [:]
        for (k, v) in merged { fields[k] = Self.value(of: v) }
        let line = format.render(
            level: Self.levelText(event.level), message: event.message.description, fields: fields,
            time: GoTimeLayout.format(Timestamp.nowLocal(), layout: GoTimeLayout.rfc3339))
        sink.write(line)
    }

    /// The level as logrus names it.
    static func levelText(_ level: Logger.Level) -> String {
        switch level {
        case .trace: "trace"
        case .debug: "debug"
        case .info, .notice: "info"
        case .warning: "warning"
        case .error: "error"
        case .critical: "fatal"
        }
    }

    static func value(of m: Logger.Metadata.Value) -> Value {
        switch m {
        case .string(let s): return .string(s)
        case .stringConvertible(let c):
            if let lv = c as? LogValue { return lv.value }
            return .string(c.description)
        case .array(let a): return .array(a.map(value(of:)))
        case .dictionary(let d): return .object(d.mapValues(value(of:)))
        }
    }
}

/// A Bloblang value carried as swift-log metadata, so structured output keeps its type.
public struct LogValue: CustomStringConvertible, Sendable {
    public let value: Value
    public init(_ value: Value) { self.value = value }
    public var description: String { LogLineFormat.text(value) }

    /// The metadata value for `value`: strings stay strings, other values are wrapped.
    public static func metadata(_ value: Value) -> Logger.Metadata.Value {
        if case .string(let s) = value { return .string(s) }
        return .stringConvertible(LogValue(value))
    }
}

/// Where log lines go: a closure taking one line without its newline.
public struct LogSink: Sendable {
    public let write: @Sendable (String) -> Void

    public init(_ write: @escaping @Sendable (String) -> Void) { self.write = write }

    /// Lines to standard error.
    public static let standardError = LogSink { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
    /// Lines to standard output.
    public static let standardOutput = LogSink { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) }
    /// Nothing is written.
    public static let discard = LogSink { _ in }

    /// Lines appended to the file at `path` (created when missing).
    /// - Throws: when the file cannot be opened.
    public static func file(_ path: String) throws -> LogSink {
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
            }
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        _ = try handle.seekToEnd()
        let box = SendableFileHandle(handle)
        return LogSink { line in box.write(line + "\n") }
    }
}

/// FileHandle writes are thread-safe; this box lets the sink closure capture one.
final class SendableFileHandle: @unchecked Sendable {
    private let handle: FileHandle
    init(_ handle: FileHandle) { self.handle = handle }
    func write(_ text: String) { handle.write(Data(text.utf8)) }
}
