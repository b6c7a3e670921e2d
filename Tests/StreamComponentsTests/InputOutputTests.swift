import Bloblang
import Foundation
import StreamRuntime
import Synchronization
import Testing

@testable import StreamComponents

#if canImport(Glibc)
    import Glibc
#endif

// MARK: - Helpers

/// Helpers of the input and output tests, namespaced so they cannot clash with other suites.
enum IOTest {
    static func context() -> BuildContext {
        BuildContext(registry: StreamComponents.registry, logger: StructuredLogger(level: .off))
    }

    static func input(_ yaml: String) throws -> any Input {
        try context().buildInput(try ConfigLoader.parseYAML(yaml), path: "input")
    }

    static func output(_ yaml: String) throws -> any Output {
        try context().buildOutput(try ConfigLoader.parseYAML(yaml), path: "output")
    }

    /// The error text of building an output or input, nil when it builds.
    static func buildError(_ yaml: String, kind: ComponentSpec.Kind = .output) -> String? {
        do {
            switch kind {
            case .input: _ = try input(yaml)
            default: _ = try output(yaml)
            }
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// Reads every batch until end of input, acknowledging each; stops after `limit` batches.
    static func drain(_ input: any Input, limit: Int = 10_000) async throws -> [Batch] {
        try await input.connect()
        var out: [Batch] = []
        while out.count < limit {
            do {
                let (batch, ack) = try await input.read()
                out.append(batch)
                await ack(.ack)
            } catch InputError.endOfInput {
                break
            }
        }
        await input.close()
        return out
    }

    static func texts(_ batches: [Batch]) -> [String] { batches.flatMap { $0.map(\.text) } }

    static func tempDir() throws -> String {
        let dir = NSTemporaryDirectory() + "sluice-io-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Runs `body` with a deadline, failing (`DeadlineExceeded`) instead of hanging.
    static func within<T: Sendable>(_ seconds: Double, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withDeadline(seconds: seconds, body)
    }
}

/// An output that records what it is given, failing the first `failures` writes.
final class RecordingOutput: Output {
    private let state: Mutex<(batches: [Batch], failuresLeft: Int, attempts: Int)>
    let delay: Double

    init(failures: Int = 0, delay: Double = 0) {
        state = Mutex(([], failures, 0))
        self.delay = delay
    }

    var batches: [Batch] { state.withLock { $0.batches } }
    var texts: [String] { IOTest.texts(batches) }
    var attempts: Int { state.withLock { $0.attempts } }

    func connect() async throws {}

    func write(_ batch: Batch) async throws {
        if delay > 0 { try await Task.sleep(nanoseconds: UInt64(delay * 1e9)) }
        let fail = state.withLock { s -> Bool in
            s.attempts += 1
            if s.failuresLeft > 0 {
                s.failuresLeft -= 1
                return true
            }
            s.batches.append(batch)
            return false
        }
        if fail { throw RejectionError(description: "recording output failure") }
    }

    func close() async {}
}

private let fastRetry = OutputRetryBackoff(initial: 0.005, maximum: 0.02, multiplier: 1.5, jitter: 0)

// MARK: - Scanners

@Suite("Byte scanners")
struct ByteScannerTests {
    func split(_ scanner: ByteScanner, _ chunks: [String]) throws -> [String] {
        var s = scanner.makeSplitter()
        var out: [String] = []
        for c in chunks {
            try s.feed(Array(c.utf8))
            while let m = s.next() { out.append(String(decoding: m, as: UTF8.self)) }
        }
        s.finish()
        while let m = s.next() { out.append(String(decoding: m, as: UTF8.self)) }
        return out
    }

    let lines = ByteScanner.lines(delimiter: nil, maxLength: ByteScanner.defaultMaxLineLength, omitEmpty: false)

    @Test func linesAcrossChunks() throws {
        #expect(try split(lines, ["a\nb", "c\r\n\nd"]) == ["a", "bc", "", "d"])
        #expect(try split(lines, ["x\n"]) == ["x"])
        #expect(try split(lines, [""]) == [])
    }

    @Test func customDelimiterAndOmitEmpty() throws {
        let s = ByteScanner.lines(delimiter: Array("||".utf8), maxLength: 1000, omitEmpty: true)
        #expect(try split(s, ["a|", "|b||||c|"]) == ["a", "b", "c|"])
    }

    @Test func chunkerAndToTheEnd() throws {
        #expect(try split(.chunker(size: 3), ["abcd", "efg"]) == ["abc", "def", "g"])
        #expect(try split(.toTheEnd, ["ab\n", "cd"]) == ["ab\ncd"])
        #expect(try split(.toTheEnd, []) == [""])
    }

    @Test func lineTooLong() {
        let s = ByteScanner.lines(delimiter: nil, maxLength: 4, omitEmpty: false)
        #expect(throws: ScannerTokenTooLong.self) { try split(s, ["abcdef\n"]) }
    }
}

// MARK: - Cron

@Suite("Cron schedules")
struct CronScheduleTests {
    func next(_ expr: String, after iso: String) throws -> String? {
        let formatter = ISO8601DateFormatter()
        let start = try #require(formatter.date(from: iso))
        return try CronSchedule.parse(expr).next(after: start).map { formatter.string(from: $0) }
    }

    @Test func fieldsAndDescriptors() throws {
        #expect(try next("0 */5 * * * *", after: "2024-01-01T00:03:10Z") == "2024-01-01T00:05:00Z")
        #expect(try next("*/20 * * * *", after: "2024-01-01T00:59:00Z") == "2024-01-01T01:00:00Z")
        #expect(try next("@daily", after: "2024-02-28T10:00:00Z") == "2024-02-29T00:00:00Z")
        #expect(try next("0 0 1 * MON", after: "2024-01-02T00:00:00Z") == "2024-01-08T00:00:00Z")
        #expect(try next("0 12 * JAN-MAR ?", after: "2024-03-31T12:00:00Z") == "2025-01-01T12:00:00Z")
    }

    @Test func timeZones() throws {
        #expect(try next("TZ=Europe/London 30 3-6,20-23 * * *", after: "2024-07-01T00:00:00Z") == "2024-07-01T02:30:00Z")
    }

    @Test func errors() {
        #expect(throws: CronSchedule.ParseError.self) { try CronSchedule.parse("61 * * * *") }
        #expect(throws: CronSchedule.ParseError.self) { try CronSchedule.parse("bad") }
        #expect(throws: CronSchedule.ParseError.self) { try CronSchedule.parse("@sometimes") }
        #expect(throws: CronSchedule.ParseError.self) { try CronSchedule.parse("TZ=Nowhere/Special * * * * *") }
    }

    @Test func generateAcceptsCron() {
        #expect(IOTest.buildError("generate: { interval: '0 */5 * * * *', mapping: 'root = 1' }", kind: .input) == nil)
        #expect(IOTest.buildError("generate: { interval: '@every 2s', mapping: 'root = 1' }", kind: .input) == nil)
        let message = IOTest.buildError("generate: { interval: soon, mapping: 'root = 1' }", kind: .input) ?? ""
        #expect(message.contains("failed to parse interval as duration string:"))
        #expect(message.contains("or as cron expression: expected 5 to 6 fields"))
    }
}

// MARK: - Inputs

@Suite("Inputs")
struct InputTests {
    @Test func generateWithCount() async throws {
        let input = try IOTest.input(
            """
            generate:
              count: 3
              interval: ""
              mapping: 'root = {"n": counter()}'
            """)
        let batches = try await IOTest.within(5) { try await IOTest.drain(input) }
        #expect(IOTest.texts(batches) == [#"{"n":1}"#, #"{"n":2}"#, #"{"n":3}"#])
    }

    @Test func generateBatchesMetadataAndDeletes() async throws {
        let input = try IOTest.input(
            """
            generate:
              count: 4
              batch_size: 3
              interval: ""
              mapping: |
                let n = counter()
                meta n = $n
                root = if $n == 2 { deleted() } else { "msg " + $n.string() }
            """)
        let batches = try await IOTest.within(5) { try await IOTest.drain(input) }
        #expect(batches.map(\.count) == [2, 2])
        #expect(IOTest.texts(batches) == ["msg 1", "msg 3", "msg 4", "msg 5"])
        #expect(batches[0][1].metadata["n"]?.plainString == "3")
    }

    @Test func generateInterval() async throws {
        let input = try IOTest.input(
            """
            generate:
              count: 3
              interval: 50ms
              mapping: 'root = "tick"'
            """)
        let start = ContinuousClock.now
        let batches = try await IOTest.within(5) { try await IOTest.drain(input) }
        let elapsed = ContinuousClock.now - start
        #expect(batches.count == 3)
        #expect(elapsed >= .milliseconds(95))
    }

    @Test func generateReplaysNackedBatches() async throws {
        let input = try IOTest.input(
            """
            generate:
              count: 2
              interval: ""
              mapping: 'root = counter()'
            """)
        try await input.connect()
        let (first, ack1) = try await input.read()
        await ack1(.nack("output down"))
        var seen = [first[0].text]
        try await IOTest.within(5) {
            var seenInner: [String] = []
            while true {
                do {
                    let (b, ack) = try await input.read()
                    seenInner.append(b[0].text)
                    await ack(.ack)
                } catch InputError.endOfInput { break }
            }
            return seenInner
        }.forEach { seen.append($0) }
        #expect(seen.sorted() == ["1", "1", "2"])
    }

    @Test func replayWaitsForOutstandingAcksAtTheEnd() async throws {
        let input = try IOTest.input(
            """
            generate:
              count: 2
              interval: ""
              mapping: 'root = "m" + counter().string()'
            """)
        try await input.connect()
        let (b1, ack1) = try await input.read()
        let (b2, ack2) = try await input.read()
        #expect([b1[0].text, b2[0].text] == ["m1", "m2"])
        // The source is done, but two batches are unresolved: the next read waits for them.
        let next = Task { try await input.read() }
        try await Task.sleep(nanoseconds: 30_000_000)
        await ack2(.ack)
        await ack1(.nack("try again"))
        let (again, ack3) = try await IOTest.within(5) { try await next.value }
        #expect(again[0].text == "m1")
        await ack3(.ack)
        await #expect(throws: InputError.endOfInput) { _ = try await input.read() }
    }

    @Test func generateBadIntervalAndMapping() {
        #expect(
            IOTest.buildError("generate: {interval: soon, mapping: 'root = 1'}", kind: .input)?
                .contains("failed to parse interval as duration string") == true)
        #expect(IOTest.buildError("generate: {mapping: 'root = '}", kind: .input) != nil)
    }

    @Test func stdinFromPipe() async throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let relay = StdinRelay(fileDescriptor: fds[0], name: "test-pipe")
        let input = AutoReplayInput(StdinInput(relay: relay, scanner: .lines(delimiter: nil, maxLength: 1024, omitEmpty: false)))
        let text = Array("first\nsecond\r\n\nlast".utf8)
        try POSIXIO.writeAll(fds[1], text, path: "pipe")
        close(fds[1])
        let batches = try await IOTest.within(5) { try await IOTest.drain(input) }
        #expect(IOTest.texts(batches) == ["first", "second", "", "last"])
        #expect(batches.allSatisfy { $0.count == 1 })
        close(fds[0])
    }

    @Test func stdinHandsOverReadyLinesTogether() async throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let relay = StdinRelay(fileDescriptor: fds[0], name: "bulk-pipe")
        let input = AutoReplayInput(StdinInput(relay: relay, scanner: .lines(delimiter: nil, maxLength: 1024, omitEmpty: false)))
        try POSIXIO.writeAll(fds[1], Array((0..<10).map { "line\($0)\n" }.joined().utf8), path: "pipe")
        close(fds[1])
        var runs: [[String]] = []
        while true {
            let run: [(Batch, AckHandler)]
            do {
                run = try await IOTest.within(5) { try await input.readAvailable(max: 4) }
            } catch let e as InputError where e == .endOfInput {
                break
            }
            #expect(run.allSatisfy { $0.0.count == 1 })
            runs.append(run.map { $0.0[0].text })
            for (_, ack) in run { await ack(.ack) }
        }
        // The lines were all in one chunk: each call hands over as many as allowed.
        #expect(runs == [["line0", "line1", "line2", "line3"], ["line4", "line5", "line6", "line7"], ["line8", "line9"]])
        close(fds[0])
    }

    @Test("a batch nacked from a bulk read comes again before the end, which waits for every ack")
    func bulkReadsReplayNacks() async throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let relay = StdinRelay(fileDescriptor: fds[0], name: "replay-pipe")
        let input = AutoReplayInput(StdinInput(relay: relay, scanner: .lines(delimiter: nil, maxLength: 1024, omitEmpty: false)))
        try POSIXIO.writeAll(fds[1], Array("a\nb\nc\n".utf8), path: "pipe")
        close(fds[1])
        let run = try await IOTest.within(5) { try await input.readAvailable(max: 8) }
        #expect(run.map { $0.0[0].text } == ["a", "b", "c"])
        await run[0].1(.ack)
        await run[1].1(.nack("output down"))
        // "c" is still out: the replay of "b" comes first, and the end waits for "c".
        let (again, ackAgain) = try await IOTest.within(5) { try await input.read() }
        #expect(again[0].text == "b")
        let end = Task { try await input.read() }
        try await Task.sleep(nanoseconds: 20_000_000)
        await ackAgain(.ack)
        await run[2].1(.ack)
        await #expect(throws: InputError.endOfInput) { _ = try await IOTest.within(5) { try await end.value } }
        close(fds[0])
    }

    @Test("stdin larger than the relay's queue arrives whole and in order")
    func stdinManyChunks() async throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let relay = StdinRelay(fileDescriptor: fds[0], name: "long-pipe")
        let input = AutoReplayInput(StdinInput(relay: relay, scanner: .lines(delimiter: nil, maxLength: 1 << 20, omitEmpty: false)))
        // About 2 MB: many 64 KiB chunks, so the reading thread fills the queue and waits.
        let lines = (0..<40_000).map { "line \($0) " + String(repeating: "x", count: $0 % 80) }
        let writer = fds[1]
        let text = Array(lines.map { $0 + "\n" }.joined().utf8)
        let writing = Thread {
            try? POSIXIO.writeAll(writer, text, path: "pipe")
            close(writer)
        }
        writing.start()
        let batches = try await IOTest.within(20) { try await IOTest.drain(input, limit: 50_000) }
        #expect(IOTest.texts(batches) == lines)
        close(fds[0])
    }

    @Test func stdinReadIsCancellable() async throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let relay = StdinRelay(fileDescriptor: fds[0], name: "idle-pipe")
        let input = StdinInput(relay: relay, scanner: .toTheEnd)
        let task = Task { try await input.read() }
        try await Task.sleep(nanoseconds: 20_000_000)
        task.cancel()
        let result = await task.result
        #expect(throws: CancellationError.self) { try result.get() }
        close(fds[1])
    }

    @Test func fileInputGlobsMetadataAndDelete() async throws {
        let dir = try IOTest.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "a1\na2\n".write(toFile: "\(dir)/a.txt", atomically: true, encoding: .utf8)
        try "b1".write(toFile: "\(dir)/b.txt", atomically: true, encoding: .utf8)
        try "skip".write(toFile: "\(dir)/c.log", atomically: true, encoding: .utf8)
        let input = try IOTest.input(
            """
            file:
              paths: [ "\(dir)/*.txt" ]
              delete_on_finish: true
            """)
        let batches = try await IOTest.within(5) { try await IOTest.drain(input) }
        #expect(IOTest.texts(batches) == ["a1", "a2", "b1"])
        #expect(batches[0][0].metadata["path"]?.plainString == "\(dir)/a.txt")
        #expect(batches[2][0].metadata["path"]?.plainString == "\(dir)/b.txt")
        #expect(batches[0][0].metadata["mod_time_unix"].map { $0.type == .number } == true)
        #expect(batches[0][0].metadata["mod_time"]?.plainString.hasSuffix("Z") == true)
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/a.txt"))
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/b.txt"))
        #expect(FileManager.default.fileExists(atPath: "\(dir)/c.log"))
    }

    @Test func fileInputSuperGlobAndWholeFiles() async throws {
        let dir = try IOTest.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: "\(dir)/x/y", withIntermediateDirectories: true)
        try "top\nline".write(toFile: "\(dir)/t.json", atomically: true, encoding: .utf8)
        try "deep".write(toFile: "\(dir)/x/y/d.json", atomically: true, encoding: .utf8)
        let input = try IOTest.input(
            """
            file:
              paths: [ "\(dir)/**/*.json" ]
              scanner:
                to_the_end: {}
            """)
        let batches = try await IOTest.within(5) { try await IOTest.drain(input) }
        #expect(Set(IOTest.texts(batches)) == ["top\nline", "deep"])
    }

    @Test func fileInputKeepsNackedFiles() async throws {
        let dir = try IOTest.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "one".write(toFile: "\(dir)/a.txt", atomically: true, encoding: .utf8)
        let input = try IOTest.input(
            """
            file:
              paths: [ "\(dir)/a.txt" ]
              delete_on_finish: true
              auto_replay_nacks: false
            """)
        try await input.connect()
        let (batch, ack) = try await input.read()
        #expect(batch[0].text == "one")
        await #expect(throws: InputError.endOfInput) { _ = try await input.read() }
        await ack(.nack("failed"))
        #expect(FileManager.default.fileExists(atPath: "\(dir)/a.txt"))
    }

    @Test func fileInputMissingFile() async throws {
        let input = try IOTest.input("file: { paths: [ /nonexistent/sluice/file.txt ] }")
        await #expect { _ = try await input.read() } throws: { error in
            "\(error)" == "open /nonexistent/sluice/file.txt: no such file or directory"
        }
    }

    @Test func scannerConfigErrors() {
        #expect(IOTest.buildError("stdin: { codec: nope }", kind: .input)?.contains("codec was not recognised: nope") == true)
        #expect(IOTest.buildError("stdin: { scanner: { line: {} } }", kind: .input)?.contains("did you mean lines") == true)
    }

    @Test func inprocPairCarriesAcks() async throws {
        let name = "io-test-\(UUID().uuidString)"
        let output = try IOTest.output("inproc: \(name)")
        let input = try IOTest.input("inproc: \(name)")
        let writer = Task { try await output.write([Message("hello")]) }
        let (batch, ack) = try await IOTest.within(5) { try await input.read() }
        #expect(batch.map(\.text) == ["hello"])
        await ack(.ack)
        try await writer.value

        let rejected = Task { try await output.write([Message("again")]) }
        let (batch2, ack2) = try await IOTest.within(5) { try await input.read() }
        #expect(batch2.map(\.text) == ["again"])
        await ack2(.nack("downstream said no"))
        await #expect { try await rejected.value } throws: { "\($0)" == "downstream said no" }
    }

    @Test func inprocInputWaitsForLateOutput() async throws {
        let name = "io-test-\(UUID().uuidString)"
        let input = try IOTest.input("inproc: \(name)")
        let reader = Task { try await input.read() }
        try await Task.sleep(nanoseconds: 20_000_000)
        let output = try IOTest.output("inproc: \(name)")
        let writer = Task { try await output.write([Message("late")]) }
        let (batch, ack) = try await IOTest.within(5) { try await reader.value }
        #expect(batch[0].text == "late")
        await ack(.ack)
        try await writer.value
    }
}

// MARK: - Outputs

@Suite("Outputs")
struct OutputTests {
    let message = Message(structured: .object(["kind": .string("a"), "id": .int(7)]))

    @Test func fileRoundTrip() async throws {
        let dir = try IOTest.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let output = try IOTest.output(
            """
            file:
              path: '\(dir)/out/${! json("kind") }.jsonl'
            """)
        try await output.connect()
        try await output.write([
            Message(#"{"kind":"a","n":1}"#), Message(#"{"kind":"b","n":2}"#), Message(#"{"kind":"a","n":3}"#),
        ])
        try await output.write([Message("{\"kind\":\"a\",\"n\":4}\n")])
        await output.close()
        #expect(
            IOTest.read("\(dir)/out/a.jsonl") == "{\"kind\":\"a\",\"n\":1}\n{\"kind\":\"a\",\"n\":3}\n{\"kind\":\"a\",\"n\":4}\n")
        #expect(IOTest.read("\(dir)/out/b.jsonl") == "{\"kind\":\"b\",\"n\":2}\n")

        let input = try IOTest.input("file: { paths: [ '\(dir)/out/*.jsonl' ] }")
        let batches = try await IOTest.within(5) { try await IOTest.drain(input) }
        #expect(
            IOTest.texts(batches) == [
                #"{"kind":"a","n":1}"#, #"{"kind":"a","n":3}"#, #"{"kind":"a","n":4}"#, #"{"kind":"b","n":2}"#,
            ])
    }

    @Test func fileAllBytesReplaces() async throws {
        let dir = try IOTest.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let output = try IOTest.output("file: { path: '\(dir)/doc.txt', codec: all-bytes }")
        try await output.write([Message("first version")])
        try await output.write([Message("second")])
        await output.close()
        #expect(IOTest.read("\(dir)/doc.txt") == "second")
    }

    @Test func fileCustomDelimiterAndBadCodec() async throws {
        let dir = try IOTest.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let output = try IOTest.output("file: { path: '\(dir)/d.txt', codec: 'delim:,' }")
        try await output.write([Message("a"), Message("b,")])
        await output.close()
        #expect(IOTest.read("\(dir)/d.txt") == "a,b,")
        #expect(IOTest.buildError("file: { path: x, codec: weird }")?.contains("codec was not recognised: weird") == true)
        #expect(
            IOTest.buildError("stdout: { codec: 'delim:' }")?.contains("custom delimiter codec requires a non-empty delimiter")
                == true)
    }

    @Test func stdoutWritesLines() async throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let output = StdoutOutput(fileDescriptor: fds[1], codec: try WriterCodec.parse("lines"))
        try await output.write([Message("one"), Message("two\n"), message])
        close(fds[1])
        var bytes: [UInt8] = []
        while true {
            let chunk = try POSIXIO.readChunk(fds[0], capacity: 4096, path: "pipe")
            if chunk.isEmpty { break }
            bytes += chunk
        }
        close(fds[0])
        #expect(String(decoding: bytes, as: UTF8.self) == "one\ntwo\n{\"id\":7,\"kind\":\"a\"}\n")
    }

    @Test func dropAcceptsEverything() async throws {
        let output = try IOTest.output("drop: {}")
        try await output.write([message, Message("x")])
    }

    @Test func rejectFailsWithInterpolatedText() async throws {
        let output = try IOTest.output(#"reject: 'rejected ${! json("id") } of kind ${! json("kind") }'"#)
        await #expect { try await output.write([message]) } throws: { "\($0)" == "rejected 7 of kind a" }
        #expect(IOTest.buildError("reject: ''")?.contains("an error message must be provided") == true)
    }

    @Test func syncResponseStoresByRequest() async throws {
        let output = try IOTest.output("sync_response: {}")
        let id = SyncResponse.store.open()
        var m = Message("reply body", metadata: ["k": .string("v")])
        SyncResponse.tag(&m, id: id)
        try await output.write([m])
        let stored = SyncResponse.store.take(id)
        #expect(stored.count == 1)
        #expect(stored.first?.first?.text == "reply body")
        #expect(stored.first?.first?.metadata.keys.sorted() == ["k"])
        await #expect { try await output.write([Message("no request")]) } throws: {
            "\($0)" == "result store not found within batch context"
        }
    }
}

// MARK: - Broker

@Suite("Broker output")
struct BrokerOutputTests {
    let batch: Batch = [Message("m")]

    @Test func fanOutWritesToAll() async throws {
        let a = RecordingOutput(), b = RecordingOutput()
        let broker = BrokerOutput(pattern: .fanOut, children: [a, b])
        try await broker.write([Message("1")])
        try await broker.write([Message("2")])
        #expect(a.texts == ["1", "2"])
        #expect(b.texts == ["1", "2"])
    }

    @Test func fanOutFromConfig() async throws {
        let dir = try IOTest.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let output = try IOTest.output(
            """
            broker:
              pattern: fan_out
              outputs:
                - file: { path: '\(dir)/one.txt' }
                - file: { path: '\(dir)/two.txt' }
                  processors:
                    - mapping: 'root = content().uppercase()'
            """)
        try await output.write([Message("hi")])
        await output.close()
        #expect(IOTest.read("\(dir)/one.txt") == "hi\n")
        #expect(IOTest.read("\(dir)/two.txt") == "HI\n")
    }

    @Test func fanOutRetriesAFailingChildWithoutDuplicates() async throws {
        let good = RecordingOutput(), flaky = RecordingOutput(failures: 2)
        let broker = BrokerOutput(
            pattern: .fanOut,
            children: [
                RetryingOutput(good, backoff: fastRetry), RetryingOutput(flaky, backoff: fastRetry),
            ])
        try await IOTest.within(5) { try await broker.write(batch) }
        #expect(good.texts == ["m"])
        #expect(flaky.texts == ["m"])
        #expect(flaky.attempts == 3)
    }

    @Test func fanOutFailsWhileAChildKeepsFailing() async throws {
        let output = try IOTest.output(
            """
            broker:
              pattern: fan_out
              outputs:
                - drop: {}
                - reject: 'child is down'
            """)
        let task = Task { try await output.write([Message("x")]) }
        try await Task.sleep(nanoseconds: 100_000_000)
        task.cancel()
        await #expect { try await task.value } throws: { "\($0)" == "child is down" }
    }

    @Test func fanOutFailFastFails() async throws {
        let good = RecordingOutput()
        let broker = BrokerOutput(pattern: .fanOutFailFast, children: [good, RecordingOutput(failures: 1)])
        await #expect { try await broker.write(batch) } throws: { "\($0)" == "recording output failure" }
        #expect(good.texts == ["m"])
        let fromConfig = try IOTest.output(
            """
            broker:
              pattern: fan_out_fail_fast
              outputs: [ { drop: {} }, { reject: 'nope ${! content() }' } ]
            """)
        await #expect { try await fromConfig.write([Message("x")]) } throws: { "\($0)" == "nope x" }
    }

    @Test func fanOutSequentialStopsAtFailure() async throws {
        let first = RecordingOutput(), last = RecordingOutput()
        let broker = BrokerOutput(pattern: .fanOutSequentialFailFast, children: [first, RecordingOutput(failures: 1), last])
        await #expect(throws: RejectionError.self) { try await broker.write(batch) }
        #expect(first.texts == ["m"])
        #expect(last.texts.isEmpty)
    }

    @Test func roundRobinAlternates() async throws {
        let a = RecordingOutput(), b = RecordingOutput()
        let broker = BrokerOutput(pattern: .roundRobin, children: [a, b])
        for i in 1...5 { try await broker.write([Message("\(i)")]) }
        #expect(a.texts == ["1", "3", "5"])
        #expect(b.texts == ["2", "4"])
    }

    @Test func greedyUsesFreeOutputs() async throws {
        let a = RecordingOutput(delay: 0.05), b = RecordingOutput(delay: 0.05)
        let broker = BrokerOutput(pattern: .greedy, children: [a, b])
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 1...4 { group.addTask { try await broker.write([Message("\(i)")]) } }
            try await group.waitForAll()
        }
        // Both outputs take batches while the other is busy (exactly 2 each unless the machine stalls).
        #expect(a.texts.count + b.texts.count == 4)
        #expect(a.texts.count >= 1 && b.texts.count >= 1)
    }

    @Test func configErrors() {
        #expect(
            IOTest.buildError("broker: { pattern: scatter, outputs: [ { drop: {} } ] }")?
                .contains("value scatter is not a valid option for this field") == true)
        #expect(
            IOTest.buildError("broker: { outputs: [] }")?
                .contains("attempting to create broker output type with no outputs") == true)
        #expect(IOTest.buildError("broker: { copies: 2, outputs: [ { drop: {} } ] }") == nil)
    }
}

// MARK: - Switch

@Suite("Switch output")
struct SwitchOutputTests {
    @Test func routesByCheckAndContinue() async throws {
        let dir = try IOTest.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let output = try IOTest.output(
            """
            switch:
              cases:
                - check: this.type == "foo"
                  continue: true
                  output:
                    file: { path: '\(dir)/foo.txt' }
                - check: this.n > 1
                  output:
                    file: { path: '\(dir)/big.txt' }
                - output:
                    file: { path: '\(dir)/rest.txt' }
            """)
        try await output.write([
            Message(#"{"type":"foo","n":1}"#), Message(#"{"type":"foo","n":2}"#),
            Message(#"{"type":"bar","n":5}"#), Message(#"{"type":"bar","n":0}"#), Message("not json"),
        ])
        await output.close()
        #expect(IOTest.read("\(dir)/foo.txt") == "{\"type\":\"foo\",\"n\":1}\n{\"type\":\"foo\",\"n\":2}\n")
        #expect(IOTest.read("\(dir)/big.txt") == "{\"type\":\"foo\",\"n\":2}\n{\"type\":\"bar\",\"n\":5}\n")
        #expect(IOTest.read("\(dir)/rest.txt") == "{\"type\":\"foo\",\"n\":1}\n{\"type\":\"bar\",\"n\":0}\nnot json\n")
    }

    @Test func unmatchedMessagesAreDroppedOrFailInStrictMode() async throws {
        let lenient = try IOTest.output(
            """
            switch:
              cases:
                - check: this.a == 1
                  output: { drop: {} }
                - check: this.a == 2
                  output: { reject: 'two' }
            """)
        try await lenient.write([Message(#"{"a":3}"#)])
        await #expect { try await lenient.write([Message(#"{"a":2}"#)]) } throws: { "\($0)" == "two" }

        let strict = try IOTest.output(
            """
            switch:
              strict_mode: true
              cases:
                - check: this.a == 1
                  output: { drop: {} }
                - check: this.a == 2
                  output: { drop: {} }
            """)
        await #expect { try await strict.write([Message(#"{"a":3}"#)]) } throws: {
            "\($0)" == "no switch output conditions were met by message"
        }
    }

    @Test func retryUntilSuccessRetriesTheCase() async throws {
        let flaky = RecordingOutput(failures: 2)
        let output = SwitchOutput(
            cases: [
                .init(check: nil, output: RetryingOutput(flaky, backoff: fastRetry), continues: false),
                .init(check: nil, output: RecordingOutput(), continues: false),
            ],
            strictMode: false, logger: nil)
        try await IOTest.within(5) { try await output.write([Message("x")]) }
        #expect(flaky.texts == ["x"])
    }

    @Test func configErrors() {
        #expect(
            IOTest.buildError("switch: { cases: [ { output: { drop: {} } } ] }")?
                .contains("attempting to create switch with fewer than 2 cases") == true)
        #expect(
            IOTest.buildError("switch: { cases: [ { check: 'this.', output: { drop: {} } }, { output: { drop: {} } } ] }") != nil)
    }
}

// MARK: - Specs

@Suite("Input and output specs")
struct InputOutputSpecTests {
    static let specs = StreamComponents.inputs + StreamComponents.outputs

    @Test(arguments: specs.map(\.name).indices)
    func examplesLint(_ index: Int) {
        let spec = Self.specs[index]
        #expect(!spec.examples.isEmpty, "\(spec.name) has no example")
        let linter = Linter(registry: StreamComponents.registry)
        for example in spec.examples {
            let issues = linter.lintExample(example, of: spec).filter { $0.severity == .error }
            #expect(issues.isEmpty, "\(spec.kind.rawValue) \(spec.name) example \(example.title): \(issues)")
        }
    }

    @Test(arguments: specs.map(\.name).indices)
    func fieldsAreDocumented(_ index: Int) {
        let spec = Self.specs[index]
        #expect(!spec.summary.isEmpty)
        for field in spec.fields { #expect(!field.summary.isEmpty, "\(spec.name).\(field.name)") }
    }
}
