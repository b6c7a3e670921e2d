import Foundation
import Testing

@testable import StreamRuntime

@Suite("StreamPipeline")
struct PipelineTests {
    @Test("with one thread the output order equals the input order")
    func ordering() async {
        let input = FakeInput(total: 500)
        let output = FakeOutput()
        let upper = MapProcessor.uppercasing
        let pipeline = StreamPipeline(input: input, processors: [upper], output: output, options: options(maxInFlight: 16))
        await pipeline.run()
        #expect(output.written == (0..<500).map { "M\($0)" })
        #expect(input.acked.sorted() == Array(0..<500))
        #expect(input.nacked.isEmpty)
        #expect(input.isClosed && output.isClosed)
        #expect(pipeline.isStopped)
    }

    @Test("a batch split into several output batches is acked once all are written")
    func splitBatches() async {
        let input = FakeInput(total: 40, batchSize: 4)
        let output = FakeOutput()
        let pipeline = StreamPipeline(input: input, processors: [SplitProcessor()], output: output, options: options())
        await pipeline.run()
        #expect(output.written == (0..<40).map { "m\($0)" })
        #expect(input.acked == Array(0..<40))
    }

    @Test("nothing is acked that was not written; failed writes nack the input batch")
    func ackSemanticsWithFailingOutput() async {
        let input = FakeInput(total: 90)
        // Every batch holding a message whose number is a multiple of 3 fails to write.
        let output = FakeOutput(failWhen: { batch in
            batch.contains { m in Int(m.text.dropFirst()).map { $0 % 3 == 0 } ?? false }
        })
        let pipeline = StreamPipeline(input: input, output: output, options: options(threads: 2, maxInFlight: 8))
        await pipeline.run()

        let written = Set(output.written)
        let acked = input.acked
        let nacked = input.nacked
        #expect(acked.count + nacked.count == 90)
        for id in acked { #expect(written.contains("m\(id)"), "m\(id) was acked but never written") }
        for (id, _) in nacked { #expect(!written.contains("m\(id)")) }
        #expect(Set(nacked.map(\.0)) == Set(stride(from: 0, to: 90, by: 3)))
        #expect(nacked.allSatisfy { $0.1.contains("write refused") })
    }

    @Test("a split batch with one failed part is nacked, and acked parts are still written")
    func partialFailureNacksWholeInputBatch() async {
        let input = FakeInput(total: 6, batchSize: 3)
        let output = FakeOutput(failWhen: { $0.first?.text == "m4" })
        let pipeline = StreamPipeline(input: input, processors: [SplitProcessor()], output: output, options: options())
        await pipeline.run()
        #expect(input.acked == [0, 1, 2])
        #expect(input.nacked.map(\.0) == [3, 4, 5])
        #expect(output.written == ["m0", "m1", "m2", "m3", "m5"])
    }

    @Test("an output with max_in_flight above one gets that many writes at once")
    func concurrentWrites() async {
        let input = FakeInput(total: 40)
        let gate = Gate()
        let output = FakeOutput(failWhen: { $0.first?.text == "m7" }, gate: gate)
        let pipeline = StreamPipeline(
            input: input, output: output, options: options(threads: 1, maxInFlight: 8, outputConcurrency: 3))
        let run = Task { await pipeline.run() }
        #expect(await eventually { output.inProgress == 3 })
        gate.open()
        await run.value
        #expect(output.maxInProgress == 3)
        #expect(output.written.count == 39)
        #expect(input.acked.count == 39)
        #expect(input.nacked.map(\.0) == [7])
    }

    @Test("one write at a time never overlaps, even with several workers")
    func singleWriter() async {
        let input = FakeInput(total: 100)
        let output = FakeOutput(delay: .microseconds(100))
        let pipeline = StreamPipeline(input: input, output: output, options: options(threads: 2, maxInFlight: 10))
        await pipeline.run()
        #expect(output.maxInProgress == 1)
        #expect(output.written.count == 100)
    }

    @Test("messages filtered out by a processor are acked without being written")
    func filteredMessagesAreAcked() async {
        let input = FakeInput(total: 20)
        let output = FakeOutput()
        let evenOnly = MapProcessor { m in
            guard case .int(let id)? = m.metadata["id"] else { return m }
            return id % 2 == 0 ? m : nil
        }
        let pipeline = StreamPipeline(input: input, processors: [evenOnly], output: output, options: options())
        await pipeline.run()
        #expect(output.written == stride(from: 0, to: 20, by: 2).map { "m\($0)" })
        #expect(input.acked.sorted() == Array(0..<20))
    }

    @Test("the input is not read ahead of the in-flight bound while the output is blocked")
    func backpressureWithBlockedOutput() async {
        let input = FakeInput(total: nil)
        let gate = Gate()
        let output = FakeOutput(gate: gate)
        let pipeline = StreamPipeline(input: input, output: output, options: options(threads: 2, maxInFlight: 5))
        let run = Task { await pipeline.run() }

        #expect(await eventually { input.served == 5 })
        // Give the reader every chance to run ahead; it must stay blocked on the bound.
        for _ in 0..<200 { await Task.yield() }
        try? await Task.sleep(for: .milliseconds(50))
        #expect(input.served == 5)
        #expect(output.written.isEmpty)
        #expect(pipeline.inFlight == 5)

        gate.open()
        #expect(await pipeline.stop(timeout: .seconds(10)))
        await run.value
        #expect(input.maxOutstanding <= 5)
        #expect(input.acked.count == input.served)
    }

    @Test("with a slow output, unacknowledged batches never exceed the bound")
    func backpressureWithSlowOutput() async {
        let input = FakeInput(total: 300)
        let output = FakeOutput(delay: .microseconds(200))
        let pipeline = StreamPipeline(input: input, output: output, options: options(threads: 2, maxInFlight: 7))
        await pipeline.run()
        #expect(input.maxOutstanding <= 7)
        #expect(input.acked.count == 300)
        #expect(output.written.count == 300)
    }

    @Test("stop drains every in-flight message before closing")
    func gracefulShutdownDrains() async {
        let input = FakeInput(total: nil)
        let output = FakeOutput(delay: .milliseconds(1))
        let pipeline = StreamPipeline(input: input, output: output, options: options(threads: 2, maxInFlight: 16))
        let run = Task { await pipeline.run() }
        #expect(await eventually { output.written.count >= 30 })
        let clean = await pipeline.stop(timeout: .seconds(20))
        await run.value
        #expect(clean)
        let served = input.served
        #expect(input.acked.count == served, "every message read was acknowledged")
        #expect(input.nacked.isEmpty)
        #expect(output.written.count == served, "every message read was written")
        #expect(Set(output.written) == Set((0..<served).map { "m\($0)" }))
        #expect(input.isClosed && output.isClosed)
    }

    @Test("a stop that times out abandons the blocked writes and still closes")
    func shutdownTimeout() async {
        let input = FakeInput(total: nil)
        let output = FakeOutput(gate: Gate())  // never opens
        let pipeline = StreamPipeline(input: input, output: output, options: options(maxInFlight: 3))
        let run = Task { await pipeline.run() }
        #expect(await eventually { input.served == 3 })
        let clean = await pipeline.stop(timeout: .milliseconds(100))
        await run.value
        #expect(!clean)
        #expect(output.written.isEmpty)
        #expect(input.acked.isEmpty)
        #expect(input.nacked.map(\.0) == [0, 1, 2])
        #expect(input.isClosed && output.isClosed)
    }

    @Test("a CPU-bound mapping with two threads processes every message correctly")
    func cpuBoundWithTwoThreads() async {
        let input = FakeInput(total: 200)
        let output = FakeOutput()
        let work = MapProcessor { m in
            var m = m
            guard case .int(let id)? = m.metadata["id"] else { return m }
            m.setContent(Array("\(id):\(PipelineTests.spin(Int(id)))".utf8))
            return m
        }
        let pipeline = StreamPipeline(input: input, processors: [work], output: output, options: options(threads: 2))
        await pipeline.run()
        #expect(output.written.count == 200)
        #expect(Set(output.written) == Set((0..<200).map { "\($0):\(PipelineTests.spin($0))" }))
        #expect(input.acked.count == 200)
    }

    /// Deterministic busy work.
    static func spin(_ seed: Int) -> UInt64 {
        var x = UInt64(seed) &+ 0x9E37_79B9_7F4A_7C15
        for _ in 0..<20_000 { x = (x ^ (x >> 31)) &* 0xBF58_476D_1CE4_E5B9 }
        return x
    }

    @Test("connection failures and lost connections are retried with backoff")
    func reconnects() async {
        let metrics = MetricsRegistry()
        let input = FakeInput(total: 30, failConnects: 2, disconnectAtReads: [5, 6])
        let output = FakeOutput(failConnects: 3, disconnects: 2)
        let pipeline = StreamPipeline(input: input, output: output, options: options(), metrics: metrics)
        await pipeline.run()
        #expect(output.written == (0..<30).map { "m\($0)" })
        #expect(input.acked.count == 30)
        #expect(input.nacked.isEmpty)
        let il = ["label": "", "path": "root.input"]
        let ol = ["label": "", "path": "root.output"]
        #expect(metrics.value("input_connection_failed", labels: il) == 2)
        #expect(metrics.value("input_connection_lost", labels: il) == 2)
        #expect(metrics.value("input_connection_up", labels: il) == 3)
        #expect(metrics.value("output_connection_failed", labels: ol) == 3)
        #expect(metrics.value("output_connection_lost", labels: ol) == 2)
        #expect(metrics.value("output_sent", labels: ol) == 30)
        #expect(metrics.value("output_error", labels: ol) == 0)
    }

    @Test("readiness follows the connections")
    func readiness() async {
        let input = FakeInput(total: nil)
        let gate = Gate()
        let output = FakeOutput(gate: gate)
        let pipeline = StreamPipeline(input: input, output: output, options: options(maxInFlight: 2))
        #expect(!pipeline.isReady)
        let run = Task { await pipeline.run() }
        #expect(await eventually { pipeline.isReady })
        gate.open()
        await pipeline.stop(timeout: .seconds(10))
        await run.value
        #expect(!pipeline.isReady)
        #expect(pipeline.readiness.terminated)
    }

    @Test("stop before run closes the components")
    func stopBeforeRun() async {
        let input = FakeInput(total: 10)
        let output = FakeOutput()
        let pipeline = StreamPipeline(input: input, output: output, options: options())
        #expect(await pipeline.stop(timeout: .seconds(5)))
        #expect(input.served == 0)
        #expect(input.isClosed && output.isClosed)
        await pipeline.run()  // returns at once
    }

    @Test("pipeline metrics carry Benthos names with label and path")
    func pipelineMetrics() async {
        let metrics = MetricsRegistry()
        let input = FakeInput(total: 10, batchSize: 2)
        let output = FakeOutput()
        let drop = MapProcessor { m in m.text == "m3" ? nil : m }
        let flag = MapProcessor { m in
            var m = m
            if m.text == "m4" { m.error = "boom" }
            return m
        }
        let procs: [any Processor] = [
            ObservedProcessor(drop, info: ComponentInfo(type: "drop3", path: "root.pipeline.processors.0"), metrics: metrics),
            ObservedProcessor(
                flag, info: ComponentInfo(type: "flag4", label: "flagger", path: "root.pipeline.processors.1"),
                metrics: metrics),
        ]
        let pipeline = StreamPipeline(
            input: input, processors: procs, output: output, options: options(),
            inputInfo: ComponentInfo(type: "fake", label: "in", path: "root.input"),
            outputInfo: ComponentInfo(type: "fake", path: "root.output"), metrics: metrics)
        await pipeline.run()
        #expect(metrics.value("input_received", labels: ["label": "in", "path": "root.input"]) == 10)
        let p0 = ["label": "", "path": "root.pipeline.processors.0"]
        let p1 = ["label": "flagger", "path": "root.pipeline.processors.1"]
        #expect(metrics.value("processor_received", labels: p0) == 10)
        #expect(metrics.value("processor_sent", labels: p0) == 9)
        #expect(metrics.value("processor_error", labels: p0) == 0)
        #expect(metrics.value("processor_received", labels: p1) == 9)
        #expect(metrics.value("processor_error", labels: p1) == 1)
        #expect(metrics.value("processor_latency_ns", labels: p1) == 5)  // one timing per batch
        #expect(metrics.value("output_sent", labels: ["label": "", "path": "root.output"]) == 9)
        #expect(metrics.value("output_batch_sent", labels: ["label": "", "path": "root.output"]) == 5)
        let text = metrics.render()
        #expect(text.contains("# TYPE processor_latency_ns summary\n"))
        #expect(text.contains(#"processor_sent{label="flagger",path="root.pipeline.processors.1"} 9"#))
    }
}
