import Bloblang
import StreamRuntime
import Synchronization

extension StreamComponents.ProcessorSpecs {
    static let sleep = ComponentSpec(
        .processor, "sleep",
        summary: "Waits for a duration before passing each message on.",
        description: """
            The duration is an interpolated string, rendered for each message (`${! @delay }`), and read \
            as a Go duration (`500ms`, `2s`, `1m30s`). The messages of a batch are waited for one after \
            the other. A duration that does not render or parse is logged and that message is not \
            delayed. Messages are never changed.
            """,
        fields: [
            FieldSpec("duration", .interpolatedString, "How long to wait for each message.", examples: ["1s", "${! @delay }"])
        ],
        examples: [
            ConfigExample("Slow down", summary: "Wait one second per message.", yaml: "sleep:\n  duration: 1s"),
            ConfigExample(
                "Wait as long as the message asks",
                yaml: """
                    sleep:
                      duration: '${! @backoff.or("100ms") }'
                    """),
        ]
    ) { config, ctx in
        let observer = ProcessorObserver(config, ctx)
        let duration = try ctx.interpolated(config, "duration")
        let p = SleepProcessor(duration: duration, environment: ctx.environment, observer: observer)
        return .processor(p)
    }
}

/// The `sleep` processor.
final class SleepProcessor: Processor {
    let duration: InterpolatedString
    let environment: Environment
    let observer: ProcessorObserver
    private let closed = Mutex(false)

    init(duration: InterpolatedString, environment: Environment, observer: ProcessorObserver) {
        self.duration = duration
        self.environment = environment
        self.observer = observer
    }

    func process(_ batch: Batch) async -> [Batch] {
        let ctx = EvalContext(environment: environment)
        var reference = batch
        let batchMessages = MessageMapper.batchMessages(batch)
        for i in batch.indices {
            let text: String
            do {
                text = try MessageContext.render(duration, ctx, &reference, index: i, batchMessages: batchMessages)
            } catch {
                observer.logger.error("Period interpolation error: \(error.message)")
                continue
            }
            let ns: Int64
            do {
                ns = try GoDuration.parse(text)
            } catch {
                observer.logger.error("Failed to parse duration: \(error.message)")
                continue
            }
            if !(await wait(nanoseconds: ns)) {
                // Stopped: Benthos fails the whole batch with this error.
                return [batch.flagged("processor stopped")]
            }
        }
        return [batch]
    }

    /// Sleeps in short steps so that `close()` and task cancellation end the wait; false when
    /// the wait was cut short.
    private func wait(nanoseconds: Int64) async -> Bool {
        var left = nanoseconds
        while left > 0 {
            if closed.withLock({ $0 }) || Task.isCancelled { return false }
            let step = min(left, 50_000_000)
            try? await Task.sleep(nanoseconds: UInt64(step))
            left -= step
        }
        return !(closed.withLock { $0 })
    }

    func close() async { closed.withLock { $0 = true } }
}
