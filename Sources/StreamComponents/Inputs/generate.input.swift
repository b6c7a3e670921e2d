import Bloblang
import Foundation
import StreamRuntime

extension ComponentSpec {
    /// `generate`: messages made by a Bloblang mapping, on a schedule or as fast as possible.
    static let generateInput = ComponentSpec(
        .input, "generate",
        summary:
            "Creates messages by running a Bloblang mapping against an empty message, at an interval or as fast as the pipeline takes them.",
        description: """
            The mapping sees an empty message with no metadata: functions such as `counter()`, `now()` and \
            `uuid_v4()` are what make messages differ. Its result becomes the content of the new message (a \
            string or bytes as they are, other values as JSON) and metadata it sets is kept; a mapping that \
            deletes the root (`root = deleted()`) produces no message.

            `interval` takes a duration (`500ms`, `5s`, `1m`): the first batch is made at once and each \
            following one an interval later. It also takes a cron expression (`0 */5 * * * *`, with optional \
            seconds, `@hourly`-style descriptors, `@every 10s`, and a `TZ=Europe/Paris` prefix; UTC \
            otherwise): then each batch waits for the next time the expression names. An empty interval (or \
            `0s`) makes batches as fast as the pipeline accepts them. With `count` above zero the input ends after that \
            many messages. Rejected batches are always made again (sent through the pipeline a second time) \
            rather than lost.
            """,
        fields: [
            FieldSpec(
                "mapping", .bloblang, "The Bloblang mapping that creates each message.",
                examples: [.string(#"root = "hello world""#), .string(#"root = {"id": uuid_v4(), "at": now()}"#)]),
            FieldSpec(
                "interval", .string,
                "How long to wait between batches (a duration), or when to make them (a cron expression); empty for as fast as possible.",
                default: .string("1s"),
                examples: [
                    .string("5s"), .string("1m"), .string("@every 10s"), .string("0,30 */2 * * * *"),
                    .string("TZ=Europe/London 30 3-6,20-23 * * *"), .string(""),
                ]),
            FieldSpec(
                "count", .int, "How many messages to make before the input ends; 0 makes messages forever.",
                default: .int(0)),
            FieldSpec(
                "batch_size", .int, "How many messages are made together as one batch at each interval.",
                default: .int(1)),
            autoReplayNacksField,
        ],
        examples: [
            ConfigExample(
                "A heartbeat",
                summary: "Sends a small document every five seconds.",
                yaml: """
                    input:
                      generate:
                        interval: 5s
                        mapping: 'root = {"status": "alive", "at": now()}'
                    output:
                      stdout: {}
                    """),
            ConfigExample(
                "Test data as fast as possible",
                summary: "Makes 100 numbered documents without waiting between them, then stops.",
                yaml: """
                    input:
                      generate:
                        count: 100
                        interval: ""
                        mapping: |
                          root.id = counter()
                          root.kind = if random_int(max: 1) == 0 { "foo" } else { "bar" }
                    output:
                      drop: {}
                    """),
        ]
    ) { config, context in
        let mapping = try context.mapping(config, "mapping")
        let interval = try GenerateInput.parseInterval(try config.string("interval"), config: config)
        let count = try config.int("count")
        let batchSize = try config.int("batch_size")
        if batchSize < 1 { throw config.error("batch_size must be at least 1", field: "batch_size") }
        // Benthos always replays nacked generated batches, whatever `auto_replay_nacks` says.
        _ = try config.bool("auto_replay_nacks")
        return .input(AutoReplayInput(GenerateInput(mapping: mapping, schedule: interval, count: count, batchSize: batchSize)))
    }
}

/// Runs a mapping to make messages, on a fixed-rate schedule.
actor GenerateInput: Input {
    private let mapping: Mapping
    private let schedule: Schedule
    private let limited: Bool
    private var remaining: Int
    private let batchSize: Int
    private var nextFire: ContinuousClock.Instant?
    private var nextCron: Date?
    private var context: EvalContext?

    init(mapping: Mapping, schedule: Schedule, count: Int, batchSize: Int) {
        self.mapping = mapping
        self.schedule = schedule
        self.limited = count > 0
        self.remaining = count
        self.batchSize = batchSize
    }

    /// When batches are made.
    enum Schedule: Sendable {
        /// As fast as the pipeline takes them.
        case asFastAsPossible
        /// At a fixed rate; the first batch at once, or after one interval (`@every`).
        case every(Double, firstAtOnce: Bool)
        /// At the times of a cron expression (the first batch waits for the first of them).
        case cron(CronSchedule)
    }

    /// Parses the `interval` field: empty, a Go duration, `@every <duration>`, or a cron
    /// expression.
    static func parseInterval(_ text: String, config: ComponentConfig) throws(ConfigError) -> Schedule {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return .asFastAsPossible }
        let durationError: RuntimeError
        do {
            let nanos = try GoDuration.parse(trimmed)
            return nanos > 0 ? .every(Double(nanos) / 1e9, firstAtOnce: true) : .asFastAsPossible
        } catch {
            durationError = error
        }
        if trimmed.hasPrefix("@every ") {
            let rest = String(trimmed.dropFirst("@every ".count)).trimmingCharacters(in: .whitespaces)
            do {
                let nanos = try GoDuration.parse(rest)
                // Cron's `@every` counts whole seconds, at least one, and waits before the first.
                return .every(max((Double(nanos) / 1e9).rounded(.down), 1), firstAtOnce: false)
            } catch {
                throw config.error(
                    "failed to parse interval as duration string: \(durationError.message), or as cron expression: failed to parse duration \(trimmed): \(error.message)",
                    field: "interval")
            }
        }
        do {
            return .cron(try CronSchedule.parse(trimmed))
        } catch {
            throw config.error(
                "failed to parse interval as duration string: \(durationError.message), or as cron expression: \(error.description)",
                field: "interval")
        }
    }

    func connect() async throws {}

    func read() async throws -> (Batch, AckHandler) {
        while true {
            if limited, remaining <= 0 { throw InputError.endOfInput }
            try await waitForTick()
            var size = batchSize
            if limited, remaining < size { size = remaining }
            var batch: Batch = []
            batch.reserveCapacity(size)
            let ctx = context ?? mapping.makeContext()
            context = ctx
            for _ in 0..<size {
                mapping.prepare(ctx, content: [])
                ctx.batchIndex = 0
                ctx.batchSize = 1
                try mapping.execute(ctx)
                switch ctx.root {
                case .delete:
                    continue
                case .nothing:
                    batch.append(Message(content: [], metadata: ctx.metadata))
                default:
                    batch.append(Message(structured: ctx.root, metadata: ctx.metadata))
                }
                if limited { remaining -= 1 }
            }
            if !batch.isEmpty { return (batch, { _ in }) }
        }
    }

    func close() async {}

    /// Waits until the next batch is due. With a duration the first batch is due at once and
    /// the following ones at a fixed rate (a slow consumer gets the next batch as soon as it
    /// asks); with a cron expression each batch waits for the next activation.
    private func waitForTick() async throws {
        switch schedule {
        case .asFastAsPossible:
            return
        case .every(let interval, let firstAtOnce):
            let clock = ContinuousClock()
            let step = Duration.nanoseconds(Int64(interval * 1e9))
            guard let due = nextFire ?? (firstAtOnce ? nil : clock.now + step) else {
                nextFire = clock.now + step
                return
            }
            if due > clock.now { try await clock.sleep(until: due) }
            let now = clock.now
            var next = due + step
            if next <= now { next = now + step }
            nextFire = next
        case .cron(let cron):
            guard let due = cron.next(after: nextCron ?? Date()) else { throw InputError.endOfInput }
            nextCron = due
            let wait = due.timeIntervalSinceNow
            if wait > 0 { try await Task.sleep(nanoseconds: UInt64(wait * 1e9)) }
        }
    }
}
