import Bloblang
import Foundation
import StreamRuntime
import Synchronization
import Testing

@testable import StreamComponents

// MARK: - Helpers

/// Collects log lines written by a processor.
final class LogCapture: Sendable {
    private let lines = Mutex<[String]>([])
    var all: [String] { lines.withLock { $0 } }
    var logger: StructuredLogger { logger(level: .trace) }
    func logger(level: StructuredLogger.Level) -> StructuredLogger {
        StructuredLogger(level: level, format: .json, sink: { line in self.lines.withLock { $0.append(line) } })
    }
    /// The lines as JSON objects.
    var objects: [[String: Value]] {
        all.compactMap { line in
            if case .object(let o)? = try? JSONReader.parse(Array(line.utf8)) { return o }
            return nil
        }
    }
}

/// A build context with every component of the module.
func makeContext(logger: StructuredLogger = .silent, metrics: MetricsRegistry = MetricsRegistry()) -> BuildContext {
    BuildContext(registry: StreamComponents.registry, logger: logger, metrics: metrics)
}

/// Builds the processor written as YAML (`mapping: ...`), as an item of `pipeline.processors`.
func processor(_ yaml: String, _ ctx: BuildContext = makeContext()) throws -> any Processor {
    let node = try ConfigLoader.parseYAML(yaml)
    return try ctx.buildProcessor(node, path: "pipeline.processors[0]")
}

/// The error building the processor gives.
func buildError(_ yaml: String, _ ctx: BuildContext = makeContext()) -> String? {
    do {
        _ = try processor(yaml, ctx)
        return nil
    } catch {
        return "\(error)"
    }
}

/// A value as compact JSON (sorted keys), for comparisons.
func json(_ v: Value?) -> String {
    guard let v else { return "nil" }
    return String(decoding: JSONWriter.compact(v, escapeHTML: false), as: UTF8.self)
}

/// The metadata of a message as compact JSON.
func meta(_ m: Message) -> String { json(.object(m.metadata)) }

/// The text of a log field.
func field(_ line: [String: Value], _ key: String) -> String? { line[key]?.plainString }

func messages(_ texts: String...) -> Batch { texts.map { Message($0) } }

extension Message {
    /// The content as text.
    var string: String { text }
}

extension Array where Element == Batch {
    /// The contents of every message of every batch.
    var texts: [[String]] { map { $0.map(\.text) } }
}

/// The content compared as JSON, so key order does not matter.
func sameJSON(_ a: String, _ b: String) -> Bool {
    guard let x = try? JSONReader.parse(Array(a.utf8)), let y = try? JSONReader.parse(Array(b.utf8)) else { return a == b }
    return json(x) == json(y)
}

// MARK: - mapping / bloblang

@Suite struct MappingProcessorTests {
    @Test func buildsANewDocument() async throws {
        let p = try processor("mapping: 'root.id = this.id'")
        let out = await p.process(messages(#"{"id":"a","other":1}"#))
        #expect(out.texts == [[#"{"id":"a"}"#]])
    }

    @Test func keepsContentWhenRootIsNotAssigned() async throws {
        let p = try processor("mapping: 'meta topic = \"t1\"'")
        let out = await p.process([Message("not json", metadata: ["k": "v"])])
        #expect(out.texts == [["not json"]])
        #expect(meta(out[0][0]) == json(.object(["k": "v", "topic": "t1"])))
    }

    @Test func keepsAndChangesMetadata() async throws {
        let p = try processor(
            """
            mapping: |
              meta b = @a + "!"
              meta a = deleted()
              root = @b
            """)
        let out = await p.process([Message("{}", metadata: ["a": "x", "c": "y"])])
        #expect(out.texts == [["x!"]])
        #expect(meta(out[0][0]) == json(.object(["b": "x!", "c": "y"])))
    }

    @Test func deletedFiltersTheMessage() async throws {
        let p = try processor(#"mapping: 'root = if this.keep { this } else { deleted() }'"#)
        let out = await p.process(messages(#"{"keep":true,"n":1}"#, #"{"keep":false}"#, #"{"keep":true,"n":3}"#))
        #expect(out.count == 1)
        #expect(out[0].count == 2)
        #expect(out[0].map { sameJSON($0.text, $0.text) } == [true, true])
        let none = await p.process(messages(#"{"keep":false}"#))
        #expect(none.isEmpty)
    }

    @Test func failureKeepsTheMessageAndFlagsIt() async throws {
        let logs = LogCapture()
        let p = try processor("mapping: 'root.a = this.b.uppercase()'", makeContext(logger: logs.logger))
        let out = await p.process([Message(#"{"b":5}"#, metadata: ["m": "1"])])
        #expect(out.texts == [[#"{"b":5}"#]])
        #expect(meta(out[0][0]) == json(.object(["m": "1"])))
        let error = try #require(out[0][0].error)
        #expect(error.hasPrefix("failed assignment (line 1): "))
        #expect(error.contains("expected string value, got number"))
        #expect(logs.objects.contains { field($0, "level") == "error" && field($0, "msg") == error })
    }

    @Test("a reused context starts each message without the variables of the one before")
    func variablesDoNotLeakBetweenMessages() async throws {
        let p = try processor(
            """
            mapping: |
              if this.set { let x = this.n }
              root.x = $x.catch("unset")
            """)
        // One message per batch, so the processor's context is reused from batch to batch.
        var texts: [String] = []
        for input in [#"{"set":true,"n":1}"#, #"{"set":false}"#, #"{"set":true,"n":3}"#, #"{"set":false}"#] {
            texts += await p.process(messages(input)).texts.flatMap { $0 }
        }
        #expect(texts == [#"{"x":1}"#, #"{"x":"unset"}"#, #"{"x":3}"#, #"{"x":"unset"}"#])
    }

    @Test("a context back in the pool holds nothing of the last message")
    func idleContextsHoldNoMessage() throws {
        let mapping = try Environment.standard.parse("let big = this.text\nroot.copy = $big")
        let pool = ContextPool(mapping)
        let document: Value = .object(["text": .string(String(repeating: "x", count: 100_000))])
        try pool.withContext { ctx throws(RuntimeError) in
            mapping.prepare(ctx, content: Array("{}".utf8), this: document, metadata: ["k": "v"])
            try mapping.execute(ctx)
            #expect(ctx.vars["big"] != nil)
        }
        // The same context comes back (one was made), emptied.
        pool.withContext { ctx in
            #expect(ctx.content.isEmpty)
            #expect(ctx.metadata.isEmpty)
            #expect(ctx.vars.isEmpty)
            #expect(json(ctx.this) == "null")
            #expect(json(ctx.root) == "null")
        }
    }

    @Test("batches processed at the same time each get a context of their own")
    func concurrentBatches() async throws {
        let p = try processor(
            """
            mapping: |
              let n = this.n
              let doubled = $n * 2
              root.n = $n
              root.sum = range(0, 200).fold(0, item -> item.tally + $doubled)
            """)
        let results = await withTaskGroup(of: (Int, [[String]]).self) { group in
            for n in 0..<64 {
                group.addTask { (n, await p.process(messages(#"{"n":\#(n)}"#)).texts) }
            }
            var all: [Int: [[String]]] = [:]
            for await (n, texts) in group { all[n] = texts }
            return all
        }
        #expect(results.count == 64)
        for (n, texts) in results {
            #expect(texts == [[#"{"n":\#(n),"sum":\#(n * 400)}"#]])
        }
    }

    @Test func unstructuredContentCannotBeReadAsThis() async throws {
        let p = try processor("mapping: 'root = this.a'")
        let out = await p.process(messages("hello"))
        let error = try #require(out[0][0].error)
        #expect(error.hasPrefix("failed assignment (line 1): unable to reference message as structured (with 'this')"))
        // Content-only mappings work on anything.
        let q = try processor("mapping: 'root = content().uppercase()'")
        #expect(await q.process(messages("hello")).texts == [["HELLO"]])
    }

    @Test func errorFunctionsSeeEarlierFailures() async throws {
        let p = try processor("mapping: 'root = {\"err\": error(), \"failed\": errored()}'")
        var failed = Message("{}")
        failed.error = "boom"
        let out = await p.process([failed, Message("{}")])
        #expect(sameJSON(out[0][0].text, #"{"err":"boom","failed":true}"#))
        #expect(sameJSON(out[0][1].text, #"{"err":null,"failed":false}"#))
        // A successful mapping keeps the earlier error flag, as Benthos does.
        #expect(out[0][0].error == "boom")
    }

    @Test func batchFunctions() async throws {
        let p = try processor(
            """
            mapping: |
              root.i = batch_index()
              root.n = batch_size()
              root.prev = if batch_index() > 0 { this.v.from(batch_index() - 1) } else { null }
            """)
        let out = await p.process(messages(#"{"v":"a"}"#, #"{"v":"b"}"#, #"{"v":"c"}"#))
        #expect(out[0].count == 3)
        #expect(sameJSON(out[0][0].text, #"{"i":0,"n":3,"prev":null}"#))
        #expect(sameJSON(out[0][2].text, #"{"i":2,"n":3,"prev":"b"}"#))
    }

    @Test func stringAndStructuredResults() async throws {
        let p = try processor("mapping: 'root = this.v'")
        let out = await p.process(messages(#"{"v":"text"}"#, #"{"v":[1,2]}"#, #"{"v":5}"#))
        #expect(out.texts == [["text", "[1,2]", "5"]])
        // A structured result is kept as a value for the next processor.
        var first = out[0][1]
        #expect(json(try first.structured()) == "[1,2]")
    }

    @Test(arguments: [100, 1000, 4900])
    func deepRecursion(depth: Int) async throws {
        let p = try processor(
            """
            mapping: |
              map down {
                root = if this > 0 { (this - 1).apply("down") } else { "bottom" }
              }
              root = this.n.apply("down")
            """)
        let out = await p.process(messages(#"{"n":\#(depth)}"#))
        #expect(out.texts == [["bottom"]])
    }

    @Test func unboundedRecursionIsAnError() async throws {
        let p = try processor(
            """
            mapping: |
              map forever {
                root = this.apply("forever")
              }
              root = this.apply("forever")
            """)
        let out = await p.process(messages("{}"))
        #expect(out[0][0].error?.contains("exceeded maximum allowed stacks of 5000") == true)
        #expect(out[0][0].text == "{}")
    }

    @Test func bloblangIsTheSameProcessor() async throws {
        let p = try processor("bloblang: 'root.id = this.id'")
        let out = await p.process(messages(#"{"id":"a","other":1}"#))
        #expect(out.texts == [[#"{"id":"a"}"#]])
    }

    @Test func parseErrorsFailTheBuild() {
        let error = buildError("mapping: 'root = this.'")
        #expect(error != nil)
        #expect(error?.contains("pipeline.processors[0].mapping") == true)
    }

    @Test func childProcessorsCountMetrics() async throws {
        let metrics = MetricsRegistry()
        let p = try processor(
            """
            for_each:
              - label: m1
                mapping: 'root = this.a.number()'
            """, makeContext(metrics: metrics))
        _ = await p.process(messages(#"{"a":"1"}"#, #"{"a":"x"}"#))
        let labels = ["label": "m1", "path": "root.pipeline.processors.0.for_each.0"]
        #expect(metrics.value("processor_received", labels: labels) == 2)
        #expect(metrics.value("processor_sent", labels: labels) == 2)
        #expect(metrics.value("processor_error", labels: labels) == 1)
        #expect(metrics.value("processor_batch_received", labels: labels) == 2)
    }
}

// MARK: - recursion

@Suite struct RecursionScanTests {
    @Test(arguments: [
        ("root = this", false),
        ("root = this.apply(\"x\")", false),
        ("map x {\n  root = this\n}\nroot = this.apply(\"x\")", false),
        ("map x {\n  root = this.apply(\"x\")\n}\nroot = this.apply(\"x\")", true),
        ("map x {\n  root = if true { this.apply(\"y\") }\n}", true),
        ("map x {\n  root = \"apply\" # apply\n}", false),
        ("import \"./maps.blobl\"\nroot = this.apply(\"x\")", true),
        ("from \"./all.blobl\"", true),
        ("root.from = this.from(0)", false),
    ])
    func decidesFromTheText(text: String, expected: Bool) {
        #expect(RecursionScan.mayRecurse(text) == expected)
    }
}

// MARK: - mutation

@Suite struct MutationProcessorTests {
    @Test func changesTheDocumentInPlace() async throws {
        let p = try processor(
            """
            mutation: |
              root.description = deleted()
              root.fans = this.fans.filter(f -> f.score > 0.5)
            """)
        let out = await p.process(messages(#"{"id":"x","description":"d","fans":[{"score":0.9},{"score":0.1}]}"#))
        #expect(sameJSON(out[0][0].text, #"{"id":"x","fans":[{"score":0.9}]}"#))
    }

    @Test func metadataAndDeletion() async throws {
        let p = try processor(
            """
            mutation: |
              meta seen = "yes"
              root = if this.drop == true { deleted() }
            """)
        let out = await p.process([Message(#"{"a":1}"#, metadata: ["k": "v"]), Message(#"{"drop":true}"#)])
        #expect(out.count == 1 && out[0].count == 1)
        #expect(sameJSON(out[0][0].text, #"{"a":1}"#))
        #expect(meta(out[0][0]) == json(.object(["k": "v", "seen": "yes"])))
    }

    @Test func unstructuredContentStartsFromNothing() async throws {
        let p = try processor("mutation: 'root = content().uppercase()'")
        #expect(await p.process(messages("hello")).texts == [["HELLO"]])
        let q = try processor("mutation: 'meta x = \"1\"'")
        let out = await q.process(messages("raw text"))
        #expect(out.texts == [["raw text"]])
        #expect(out[0][0].metadata["x"]?.plainString == "1")
    }

    @Test func errorsReportTheLinesAsWritten() async throws {
        let p = try processor(
            """
            mutation: |
              root.a = 1
              root.b = this.missing.uppercase()
            """)
        let out = await p.process(messages(#"{"x":1}"#))
        #expect(out.texts == [[#"{"x":1}"#]])
        let error = try #require(out[0][0].error)
        #expect(error.hasPrefix("failed assignment (line 2): "))
    }

    @Test func thisFollowsTheChanges() async throws {
        let p = try processor(
            """
            mutation: |
              root.a = 5
              root.b = this.a
            """)
        let out = await p.process(messages(#"{"a":1}"#))
        #expect(sameJSON(out[0][0].text, #"{"a":5,"b":5}"#))
    }

    @Test func bareExpressionMappingReplacesTheDocument() async throws {
        let p = try processor("mutation: 'this.inner'")
        let out = await p.process(messages(#"{"inner":{"a":1}}"#))
        #expect(out.texts == [[#"{"a":1}"#]])
    }
}

// MARK: - log / sleep / noop / resource

@Suite struct UtilityProcessorTests {
    @Test func logWritesLinesAndPassesMessages() async throws {
        let logs = LogCapture()
        let p = try processor(
            """
            log:
              level: WARN
              message: 'got ${! content() } from ${! @src }'
              category: audit
              fields_mapping: |
                root.id = this.id
                root.src = @src
            """, makeContext(logger: logs.logger))
        let input = [Message(#"{"id":7}"#, metadata: ["src": "a"])]
        let out = await p.process(input)
        #expect(out.texts == [[#"{"id":7}"#]])
        let line = try #require(logs.objects.first { field($0, "msg") == #"got {"id":7} from a"# })
        #expect(["warn", "warning"].contains(field(line, "level") ?? ""))
        #expect(field(line, "id") == "7")
        #expect(field(line, "src") == "a")
        #expect(field(line, "category") == "audit")
        #expect(field(line, "custom_source") == "true")
    }

    @Test func logFieldFailuresAreLoggedNotFlagged() async throws {
        let logs = LogCapture()
        let p = try processor(
            """
            log:
              message: hi
              fields_mapping: 'root = [1, 2]'
            """, makeContext(logger: logs.logger))
        let out = await p.process(messages("{}"))
        #expect(out[0][0].error == nil)
        #expect(logs.objects.contains { field($0, "msg") == "Fields mapping yielded a non-object result: []interface {}" })
        #expect(!logs.objects.contains { field($0, "msg") == "hi" })
    }

    @Test func logRejectsUnknownLevels() {
        let error = buildError("log:\n  level: LOUD\n  message: x")
        #expect(error?.contains("LOUD") == true, "\(error ?? "no error")")
    }

    @Test func logBelowTheLoggerLevelWritesNothing() async throws {
        let lines = LogCapture()
        let quiet = lines.logger(level: .info)
        let p = try processor("log:\n  level: DEBUG\n  message: hidden", makeContext(logger: quiet))
        #expect(await p.process(messages("a")).texts == [["a"]])
        #expect(lines.all.isEmpty)
    }

    @Test func sleepWaitsPerMessage() async throws {
        let p = try processor("sleep:\n  duration: '${! @d }'")
        let start = ContinuousClock.now
        let out = await p.process([Message("a", metadata: ["d": "30ms"]), Message("b", metadata: ["d": "20ms"])])
        #expect(ContinuousClock.now - start >= .milliseconds(50))
        #expect(out.texts == [["a", "b"]])
    }

    @Test func sleepSkipsBadDurations() async throws {
        let logs = LogCapture()
        let p = try processor("sleep:\n  duration: nope", makeContext(logger: logs.logger))
        let out = await p.process(messages("a"))
        #expect(out.texts == [["a"]])
        #expect(out[0][0].error == nil)
        #expect(logs.objects.contains { ($0["msg"]?.plainString ?? "").hasPrefix("Failed to parse duration: ") })
    }

    @Test func noopPassesThrough() async throws {
        let p = try processor("noop: {}")
        #expect(await p.process(messages("a", "b")).texts == [["a", "b"]])
    }

    @Test func resourceRunsTheLabelledProcessor() async throws {
        let ctx = makeContext()
        let shared = try processor("mapping: 'root = content().uppercase()'", ctx)
        ctx.addResource("upper", .processor(shared))
        let p = try processor("resource: upper", ctx)
        #expect(await p.process(messages("a")).texts == [["A"]])
        #expect(buildError("resource: missing", ctx)?.contains("processor resource 'missing' was not found") == true)
    }

    @Test func everySpecExampleBuilds() throws {
        for spec in StreamComponents.processors {
            #expect(!spec.examples.isEmpty, "\(spec.name) has no example")
            for example in spec.examples {
                let ctx = makeContext()
                // Examples may name a processor resource.
                ctx.addResource("normalise", .processor(NoopProcessor()))
                do {
                    _ = try processor(example.yaml, ctx)
                } catch {
                    Issue.record("\(spec.name) example \(example.title): \(error)")
                }
            }
        }
    }
}
