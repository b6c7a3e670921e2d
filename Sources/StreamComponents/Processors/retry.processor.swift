import Bloblang
import StreamRuntime

extension StreamComponents.ProcessorSpecs {
    static let backoffFields: [FieldSpec] = [
        FieldSpec(
            "initial_interval", .duration, "The first wait between attempts.", default: .string("500ms"),
            examples: ["50ms", "1s"]),
        FieldSpec(
            "max_interval", .duration, "The longest wait between attempts.", default: .string("10s"), examples: ["5s", "1m"]),
        FieldSpec(
            "max_elapsed_time", .duration,
            "The longest time to keep retrying a message; `0s` retries without a time limit.", default: .string("1m"),
            examples: ["1m", "1h"]),
    ]

    static let retry = ComponentSpec(
        .processor, "retry",
        status: .beta,
        summary:
            "Runs child processors on each message again and again, with back-off, until none of the results is flagged with an error.",
        description: """
            Every attempt starts from the message as it entered the `retry` (changes made by a failed \
            attempt are thrown away), and any error the message carried on entry is cleared first. If \
            any message produced by the children has an error, the processor waits for the next \
            back-off period and tries again. When `max_retries` or the back-off's `max_elapsed_time` is \
            reached, the results of the last attempt go on with their errors.

            Messages of a batch are retried one at a time (each as a batch of its own), or all at once \
            with `parallel: true`.

            Each resulting message gets the metadata `retry_count` (the number of failed attempts) and \
            `backoff_duration` (the total time waited, in nanoseconds).
            """,
        fields: [
            FieldSpec("backoff", .object(backoffFields), "How long to wait between attempts.", default: .object([:])),
            FieldSpec("processors", .processors, "The processors to run on each message."),
            FieldSpec(
                "parallel", .bool, "Retry the messages of a batch concurrently rather than one after the other.",
                default: .bool(false)),
            FieldSpec(
                "max_retries", .int, "The most attempts made for a message; `0` means no limit.", default: .int(0)),
        ],
        examples: [
            ConfigExample(
                "Retry a flaky step",
                summary: "Try the step up to five times, waiting 100ms, then longer, between attempts.",
                yaml: """
                    retry:
                      backoff:
                        initial_interval: 100ms
                        max_interval: 5s
                        max_elapsed_time: 30s
                      max_retries: 5
                      processors:
                        - mutation: 'root.checked = this.value.number()'
                    """)
        ]
    ) { config, ctx in
        let observer = ProcessorObserver(config, ctx)
        let children = try ProcessorObserver.buildChildren(ctx, config.field("processors"), path: config.fieldPath("processors"))
        if children.isEmpty {
            throw config.error("at least one child processor must be specified", field: "processors")
        }
        let backoffConfig = ComponentConfig.nested(
            config.field("backoff") ?? .mapping([], config.node.location), fields: backoffFields,
            path: config.fieldPath("backoff"), name: "retry")
        let backoff = ExponentialBackoff(
            initialInterval: try backoffConfig.duration("initial_interval"),
            maxInterval: try backoffConfig.duration("max_interval"),
            maxElapsed: try backoffConfig.duration("max_elapsed_time"))
        let p = RetryProcessor(
            children: children, backoff: backoff, parallel: try config.bool("parallel"),
            maxRetries: try config.int("max_retries"), observer: observer)
        return .processor(p)
    }
}

/// The `retry` processor.
struct RetryProcessor: Processor {
    let children: [any Processor]
    let backoff: ExponentialBackoff
    let parallel: Bool
    let maxRetries: Int
    let observer: ProcessorObserver

    func process(_ batch: Batch) async -> [Batch] {
        var out: Batch = []
        if parallel {
            let results = await withTaskGroup(of: (Int, [Batch]).self) { group in
                for (i, m) in batch.enumerated() {
                    group.addTask { (i, await dispatch(m)) }
                }
                var all = [[Batch]](repeating: [], count: batch.count)
                for await (i, r) in group { all[i] = r }
                return all
            }
            for r in results { for b in r { out.append(contentsOf: b) } }
        } else {
            for m in batch {
                for b in await dispatch(m) { out.append(contentsOf: b) }
            }
        }
        return out.isEmpty ? [] : [out]
    }

    /// Runs the children on one message until no result has an error, or the limits are hit.
    private func dispatch(_ message: Message) async -> [Batch] {
        var start = message
        start.error = nil
        var boff = backoff
        boff.reset()
        var retries = 0
        var waitedNanoseconds: Int64 = 0
        var results: [Batch]
        while true {
            results = await ProcessorChain.executeAll(children, [[start]])
            let failed = results.contains { $0.contains(where: \.isErrored) }
            if !failed { break }
            retries += 1
            if retries == maxRetries {
                observer.logger.debug("Error occurred and maximum number of retries was reached.")
                break
            }
            guard let wait = boff.next() else {
                // cenkalti/backoff's Stop is -1ns, and Benthos adds it to the total before checking.
                waitedNanoseconds -= 1
                observer.logger.debug("Error occurred and maximum wait period was reached.")
                break
            }
            waitedNanoseconds += Int64(wait * 1e9)
            observer.logger.debug("Error occurred, sleeping for next backoff period.", ["backoff": .float(wait)])
            do {
                try await Task.sleep(nanoseconds: UInt64(wait * 1e9))
            } catch {
                break
            }
        }
        for b in results.indices {
            for m in results[b].indices {
                results[b][m].metadata["retry_count"] = .int(Int64(retries))
                results[b][m].metadata["backoff_duration"] = .int(waitedNanoseconds)
            }
        }
        return results
    }

    func close() async { await ProcessorChain.closeAll(children) }
}
