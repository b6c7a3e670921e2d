import Bloblang
import Logging
import Synchronization
import Testing

@testable import StreamRuntime

/// Collects log lines.
final class LineCollector: Sendable {
    let lines = Mutex<[String]>([])
    var sink: LogSink { LogSink { line in self.lines.withLock { $0.append(line) } } }
    var all: [String] { lines.withLock { $0 } }
}

@Suite("StructuredLogger")
struct ObservabilityLoggerTests {
    @Test("logfmt puts level and msg first, sorts the rest and quotes like logrus")
    func logfmt() {
        let c = LineCollector()
        let log = StructuredLogger(
            level: .info, lineFormat: LogLineFormat(style: .logfmt, addTimestamp: false),
            fields: ["@service": "sluice"], sink: c.sink)
        log.with(["path": "root.input", "label": ""]).info("Input type stdin is now active")
        log.warn("careful", ["count": .int(3), "ok": .string("a_b/c")])
        #expect(
            c.all == [
                #"level=info msg="Input type stdin is now active" @service=sluice label="" path=root.input"#,
                #"level=warning msg=careful @service=sluice count=3 ok=a_b/c"#,
            ])
    }

    @Test("json writes one object with sorted keys and typed values")
    func json() {
        let c = LineCollector()
        let log = StructuredLogger(
            level: .debug, lineFormat: LogLineFormat(style: .json, addTimestamp: false, messageName: "message"),
            sink: c.sink)
        log.debug("hello <world>", ["n": .int(2), "tags": .array([.string("a")])])
        #expect(c.all == [#"{"level":"debug","message":"hello \u003cworld\u003e","n":2,"tags":["a"]}"#])
    }

    @Test("lines below the level are dropped; off drops everything")
    func levels() {
        let c = LineCollector()
        let warnOnly = StructuredLogger(level: .warn, lineFormat: LogLineFormat(addTimestamp: false), sink: c.sink)
        warnOnly.info("no")
        warnOnly.debug("no")
        warnOnly.error("yes")
        let off = StructuredLogger(level: .off, lineFormat: LogLineFormat(addTimestamp: false), sink: c.sink)
        off.error("no")
        #expect(c.all == ["level=error msg=yes"])
        #expect(StructuredLogger.Level(configName: "all") == .trace)
        #expect(StructuredLogger.Level(configName: "NONE") == .off)
        #expect(StructuredLogger.Level(configName: "loud") == nil)
    }

    @Test("timestamps use the configured key")
    func timestamp() {
        let c = LineCollector()
        let log = StructuredLogger(
            level: .info, lineFormat: LogLineFormat(style: .json, addTimestamp: true, timestampName: "ts"), sink: c.sink)
        log.info("x")
        let line = c.all.first ?? ""
        #expect(line.contains(#""ts":""#))
        #expect(line.hasPrefix(#"{"level":"info","msg":"x","ts":"20"#))
    }

    @Test("the convenience initialiser keeps its JSON default")
    func convenience() {
        let c = LineCollector()
        let log = StructuredLogger(level: .info, fields: ["a": .int(1)], sink: { line in c.lines.withLock { $0.append(line) } })
        log.info("m")
        #expect(log.format == .json)
        #expect(c.all.first?.hasPrefix(#"{"a":1,"level":"info","msg":"m","time":"#) == true)
    }

    @Test("a swift-log Logger on the handler writes the same lines")
    func swiftLog() {
        let c = LineCollector()
        let handler = StructuredLogHandler(format: LogLineFormat(style: .logfmt, addTimestamp: false), level: .info, sink: c.sink)
        var logger = Logger(label: "test", factory: { _ in handler })
        logger[metadataKey: "component"] = "x y"
        logger.info("from swift-log", metadata: ["n": .stringConvertible(LogValue(.int(4)))])
        logger.debug("dropped")
        #expect(c.all == [#"level=info msg="from swift-log" component="x y" n=4"#])
    }
}
