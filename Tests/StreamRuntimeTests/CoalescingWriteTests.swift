import Foundation
import Synchronization
import Testing

@testable import StreamRuntime

/// An input that never suspends while it has messages: the pipeline's reader runs ahead of
/// the worker, as with stdin reading a chunk that holds many lines.
final class EagerInput: Input {
    private let total: Int
    private let state = Mutex((next: 0, acked: [Int](), nacked: [Int]()))

    init(total: Int) { self.total = total }

    func connect() async throws {}

    func read() async throws -> (Batch, AckHandler) {
        let n: Int? = state.withLock { s in
            guard s.next < total else { return nil }
            s.next += 1
            return s.next - 1
        }
        guard let n else { throw InputError.endOfInput }
        return (
            [Message("m\(n)")],
            { [self] result in
                state.withLock { s in
                    switch result {
                    case .ack: s.acked.append(n)
                    case .nack: s.nacked.append(n)
                    }
                }
            }
        )
    }

    func close() async {}

    var acked: [Int] { state.withLock { $0.acked } }
    var nacked: [Int] { state.withLock { $0.nacked } }
}

/// `EagerInput` that also hands over ready batches in bulk, recording the largest `max` asked.
final class EagerBulkInput: BulkInput {
    let inner: EagerInput
    private let largest = Mutex(0)

    init(total: Int) { inner = EagerInput(total: total) }

    func connect() async throws {}
    func read() async throws -> (Batch, AckHandler) { try await inner.read() }

    func readAvailable(max: Int) async throws -> [(Batch, AckHandler)] {
        largest.withLock { $0 = Swift.max($0, max) }
        var out = [try await inner.read()]
        while out.count < max {
            do {
                out.append(try await inner.read())
            } catch {
                break  // the end comes with the next call
            }
        }
        return out
    }

    func close() async {}

    var largestRequest: Int { largest.withLock { $0 } }
}

/// A coalescing output recording how many messages each write carried (it encodes each
/// message as a line); it can refuse writes.
final class CoalescingFakeOutput: CoalescingOutput {
    private let refuse: Bool
    private let state = Mutex((written: [String](), callSizes: [Int]()))

    init(refuse: Bool = false) { self.refuse = refuse }

    func connect() async throws {}

    func write(_ batch: Batch) async throws {
        var bytes: [UInt8] = []
        encode(batch, into: &bytes)
        try await write(encoded: bytes)
    }

    func encode(_ batch: Batch, into buffer: inout [UInt8]) {
        for m in batch { buffer.append(contentsOf: m.content + [0x0A]) }
    }

    func write(encoded bytes: [UInt8]) async throws {
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map {
            String(decoding: $0, as: UTF8.self)
        }
        state.withLock { $0.callSizes.append(lines.count) }
        if refuse { throw FakeError("disk full") }
        state.withLock { $0.written.append(contentsOf: lines) }
    }

    func close() async {}

    var written: [String] { state.withLock { $0.written } }
    var callSizes: [Int] { state.withLock { $0.callSizes } }
}

@Suite("Coalesced writes")
struct CoalescingWriteTests {
    @Test("messages that were waiting share a write, in order, and each is acked once")
    func coalesces() async {
        let input = EagerInput(total: 300)
        let output = CoalescingFakeOutput()
        let pipeline = StreamPipeline(input: input, output: output, options: options())
        await pipeline.run()
        #expect(output.written == (0..<300).map { "m\($0)" })
        #expect(input.acked.sorted() == Array(0..<300))
        #expect(input.nacked.isEmpty)
        // The reader ran ahead, so the worker found messages waiting and held their batches.
        #expect(output.callSizes.contains { $0 > 1 })
        #expect(output.callSizes.allSatisfy { $0 <= StreamPipeline.holdBatches })
        #expect(output.callSizes.reduce(0, +) == 300)
    }

    @Test("a coalesced write that fails nacks every message it carried and acks none")
    func failureNacksAll() async {
        let input = EagerInput(total: 120)
        let output = CoalescingFakeOutput(refuse: true)
        let pipeline = StreamPipeline(input: input, output: output, options: options())
        await pipeline.run()
        #expect(input.acked.isEmpty)
        #expect(input.nacked.sorted() == Array(0..<120))
        #expect(output.written.isEmpty)
    }

    @Test("a bulk input hands over runs of batches; each is processed, written and acked once, in order")
    func bulkReads() async {
        let input = EagerBulkInput(total: 500)
        let output = FakeOutput()
        let upper = MapProcessor.uppercasing
        let pipeline = StreamPipeline(input: input, processors: [upper], output: output, options: options())
        await pipeline.run()
        #expect(output.written == (0..<500).map { "M\($0)" })
        #expect(input.inner.acked.sorted() == Array(0..<500))
        #expect(input.inner.nacked.isEmpty)
        #expect(input.largestRequest > 1 && input.largestRequest <= StreamPipeline.readRun)
        #expect(pipeline.inFlight == 0)
    }

    @Test("an output that does not coalesce gets one batch per write")
    func plainOutputsAreUnchanged() async {
        let input = EagerInput(total: 200)
        let output = FakeOutput()
        let pipeline = StreamPipeline(input: input, output: output, options: options())
        await pipeline.run()
        #expect(output.written == (0..<200).map { "m\($0)" })
        #expect(output.state.withLock { $0.writes } == 200)
    }
}

@Suite("DedicatedThreadExecutor")
struct DedicatedThreadExecutorTests {
    @Test("tasks preferring it run on one thread, also after it went idle and was released")
    func oneThreadAndRestart() async {
        let executor = DedicatedThreadExecutor(name: "test-executor", idleExit: 0.01)
        /// How many of `n` tasks ran (before and after a suspension) on the executor's thread.
        func onItsThread(_ n: Int) async -> Int {
            await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<n {
                    group.addTask(executorPreference: executor) {
                        let before = executor.isCurrentThread
                        await Task.yield()
                        return before && executor.isCurrentThread
                    }
                }
                var count = 0
                for await yes in group where yes { count += 1 }
                return count
            }
        }
        #expect(!executor.isCurrentThread)
        #expect(await onItsThread(20) == 20)
        executor.release()
        try? await Task.sleep(for: .milliseconds(50))
        // The thread ended after idling; new work starts it again rather than being lost.
        #expect(await onItsThread(5) == 5)
    }
}
