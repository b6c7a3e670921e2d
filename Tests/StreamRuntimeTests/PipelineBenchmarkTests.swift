import Foundation
import Testing

@testable import StreamRuntime

/// Throughput of a CPU-bound processor with one and two workers. A benchmark, not a test:
/// it runs only with `SLUICE_BENCHMARKS=1` and prints its numbers; it asserts correctness
/// only, since timings on a shared machine prove nothing.
///
///     SLUICE_BENCHMARKS=1 swift test -c release --filter PipelineBenchmark
@Suite("Pipeline benchmark", .enabled(if: ProcessInfo.processInfo.environment["SLUICE_BENCHMARKS"] == "1"), .serialized)
struct PipelineBenchmarkTests {
    static func run(threads: Int, messages: Int) async -> (seconds: Double, written: Int) {
        let input = FakeInput(total: messages)
        let output = FakeOutput()
        let work = MapProcessor { m in
            var m = m
            m.setContent(Array("\(PipelineTests.spin(m.content.count))".utf8))
            return m
        }
        let pipeline = StreamPipeline(input: input, processors: [work], output: output, options: options(threads: threads))
        let start = ContinuousClock.now
        await pipeline.run()
        let elapsed = ContinuousClock.now - start
        return (Backoff.seconds(elapsed), output.written.count)
    }

    @Test("CPU-bound processing: threads 1 vs 2")
    func threadsScaling() async {
        let n = 4000
        let one = await Self.run(threads: 1, messages: n)
        let two = await Self.run(threads: 2, messages: n)
        #expect(one.written == n && two.written == n)
        let rate1 = Double(n) / one.seconds
        let rate2 = Double(n) / two.seconds
        print(
            String(
                format: "pipeline CPU-bound: threads=1 %.0f msg/s, threads=2 %.0f msg/s (x%.2f)", rate1, rate2,
                rate2 / rate1))
    }

    @Test("pipeline overhead with a no-op processor")
    func overhead() async {
        let n = 200_000
        let input = FakeInput(total: n)
        let output = FakeOutput()
        let pipeline = StreamPipeline(
            input: input, processors: [MapProcessor { $0 }], output: output, options: options(threads: 1))
        let start = ContinuousClock.now
        await pipeline.run()
        let s = Backoff.seconds(ContinuousClock.now - start)
        #expect(output.written.count == n)
        print(String(format: "pipeline overhead: %.0f msg/s (one message per batch)", Double(n) / s))
    }
}
