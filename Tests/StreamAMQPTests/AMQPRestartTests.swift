import AMQPClient
import Foundation
import StreamRuntime
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Restarts a private RabbitMQ (scripts/svc with SLUICE_TEST_SVC_DIR, AMQP_PORT and RMQ_NAME)
/// while messages flow through the amqp_0_9 output and input.
@Suite(
    "amqp_0_9 across a broker restart", .enabled(if: AMQPRestart.enabled, "set SLUICE_TEST_SVC_DIR and AMQP_PORT"),
    .serialized)
struct AMQPRestartTests {
    @Test func persistentMessagesSurviveARestartWithNoneLost() async throws {
        let url = AMQPRestart.url
        let queue = AMQPTest.name("restart")
        let total = 300
        try await AMQPTest.withClient(try AMQPURL(parsing: url)) { c in try await c.queueDeclare(queue, durable: true) }

        let output = try AMQPTest.output(
            """
            amqp_0_9:
              urls: [ "\(url)" ]
              queue: \(queue)
              persistent: true
            """)
        let input = try AMQPTest.input(
            """
            amqp_0_9:
              urls: [ "\(url)" ]
              queue: \(queue)
              prefetch_count: 5
            """)
        // generate → amqp_0_9 (one message every 20ms, so the restart falls in the middle).
        let generator = try AMQPTest.input(
            """
            generate:
              count: \(total)
              interval: 20ms
              mapping: 'root = counter().string()'
            """)
        let fastRetry = Backoff(initial: .milliseconds(100), maximum: .milliseconds(500))
        let options = PipelineOptions(inputBackoff: fastRetry, outputBackoff: fastRetry)
        let publisher = StreamPipeline(input: generator, output: output, options: options)
        // amqp_0_9 → a recorder that takes a little time per message, so deliveries are in
        // flight (unacked) when the broker goes away.
        let recorder = RecordingOutput()
        let slow = SlowOutput(wrapped: recorder)
        let consumer = StreamPipeline(input: input, output: slow, options: options)

        let publishing = Task { await publisher.run() }
        let consuming = Task { await consumer.run() }
        try await Task.sleep(nanoseconds: 1_500_000_000)
        let before = recorder.messages.count
        try await AMQPRestart.restart()
        await publishing.value  // ends once every generated message was confirmed

        let expected = Set((1...total).map(String.init))
        try await AMQPTest.within(60) {
            while Set(recorder.messages.map(\.text)) != expected { try await Task.sleep(nanoseconds: 50_000_000) }
        }
        _ = await consumer.stop(timeout: .seconds(5))
        await consuming.value

        let seen = recorder.messages.map(\.text)
        #expect(before > 0 && before < total, "the restart should fall mid-stream (\(before) consumed before it)")
        #expect(Set(seen) == expected, "missing: \(expected.subtracting(seen).sorted().prefix(10))")
        // Nothing is left unacked: every message was acknowledged only after it was written.
        let leftover = try await AMQPTest.drain(queue, count: 1, timeout: 1, url: try AMQPURL(parsing: url))
        #expect(leftover.isEmpty, "\(leftover.count) message(s) left in the queue")
        try? await AMQPTest.withClient(try AMQPURL(parsing: url)) { c in try await c.queueDelete(queue) }
    }
}

/// Wraps an output, pausing before each write.
struct SlowOutput: Output {
    let wrapped: RecordingOutput
    func connect() async throws {}
    func write(_ batch: Batch) async throws {
        try await Task.sleep(nanoseconds: 5_000_000)
        try await wrapped.write(batch)
    }
    func close() async {}
}

enum AMQPRestart {
    static let env = ProcessInfo.processInfo.environment
    static var enabled: Bool { !(env["SLUICE_TEST_SVC_DIR"] ?? "").isEmpty && !(env["AMQP_PORT"] ?? "").isEmpty }
    static var url: String { "amqp://guest:guest@127.0.0.1:\(env["AMQP_PORT"] ?? "5672")/%2f" }

    struct RestartFailed: Error, CustomStringConvertible {
        var status: Int32
        var description: String { "scripts/svc restart rabbit exited with \(status)" }
    }

    /// `scripts/svc restart rabbit` with the private broker's settings. It runs with
    /// posix_spawn and waitpid on a thread of its own: Foundation's Process did not report the
    /// exit of the script here (it stayed a zombie), and waiting must not block a concurrency thread.
    static func restart() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let script = root.appendingPathComponent("scripts/svc").path
        var e = env
        e["SVC_DIR"] = env["SLUICE_TEST_SVC_DIR"]
        let environment = e.map { "\($0.key)=\($0.value)" }
        let status: Int32 = await withCheckedContinuation { cont in
            let thread = Thread {
                cont.resume(returning: spawnAndWait([script, "restart", "rabbit"], environment: environment))
            }
            thread.start()
        }
        if status != 0 { throw RestartFailed(status: status) }
    }

    /// Runs a program, with output discarded, and returns its exit status (-1 when it could not start).
    static func spawnAndWait(_ argv: [String], environment: [String]) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = environment.map { strdup($0) } + [nil]
        defer {
            for p in cArgs { free(p) }
            for p in cEnv { free(p) }
        }
        var pid: pid_t = 0
        guard posix_spawn(&pid, argv[0], &actions, nil, cArgs, cEnv) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return -1 }
        }
        // WIFEXITED / WEXITSTATUS are macros: exited normally when the low 7 bits are 0.
        return status & 0x7f == 0 ? (status >> 8) & 0xff : -1
    }
}
