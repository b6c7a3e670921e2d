import Bloblang
import StreamRuntime

extension StreamComponents.ProcessorSpecs {
    static let branch = ComponentSpec(
        .processor, "branch",
        summary:
            "Builds a request from each message with a mapping, runs child processors on the requests, and maps their results back into the original messages.",
        description: """
            `request_map` builds the request for each message (from an empty document; metadata is \
            copied from the message). Setting its `root` to `deleted()` skips the branch for that message. \
            Without a `request_map` the request is a copy of the message. Errors already on the messages \
            are not carried into the requests.

            The requests go through `processors` as one batch, which must come out with as many messages, \
            in the same order: filtering or splitting inside a branch fails the whole batch.

            `result_map` then runs on each original message with its document as the starting `root`: \
            `this` and `content()` read the result of the branch, `@` reads and writes the metadata of \
            the original message. Metadata added inside the branch is not copied unless the result map \
            does it (`meta = metadata()`). Without a `result_map` the original messages stay unchanged.

            Errors: a failing `request_map` skips the branch for that message, results flagged by the \
            child processors are not mapped back, and a failing `result_map` leaves the message unchanged; \
            in each case the original message is flagged with the error.
            """,
        fields: [
            FieldSpec(
                "request_map", .bloblang,
                "How to build the request from a message. Empty: the request is a copy of the message (metadata included).",
                default: .string(""),
                examples: [
                    #"root = {"id": this.doc.id, "content": this.doc.body.text}"#,
                    "root = if this.type == \"foo\" { this.foo.request } else { deleted() }",
                ]),
            FieldSpec(
                "processors", .processors,
                "The processors to run on the requests; they must keep the number and order of messages."),
            FieldSpec(
                "result_map", .bloblang,
                "How to merge a result back into its original message. Empty: the original message is left unchanged.",
                default: .string(""),
                examples: [
                    "meta foo_code = metadata(\"code\")\nroot.foo_result = this",
                    "root.raw_result = content().string()",
                ]),
        ],
        examples: [
            ConfigExample(
                "Enrich without losing the document",
                summary: "Compute a value from part of the document and store it under a new field.",
                yaml: """
                    branch:
                      request_map: 'root = this.user'
                      processors:
                        - mapping: 'root.name_length = this.name.length()'
                      result_map: 'root.user_info = this'
                    """)
        ]
    ) { config, ctx in
        let observer = ProcessorObserver(config, ctx)
        let children = try ProcessorObserver.buildChildren(ctx, config.field("processors"), path: config.fieldPath("processors"))
        if children.isEmpty {
            throw config.error("the branch processor requires at least one child processor", field: "processors")
        }
        let request = try config.string("request_map").isEmpty ? nil : try MessageMapper(config, "request_map", ctx)
        let result = try config.string("result_map").isEmpty ? nil : try MessageMapper(config, "result_map", ctx, onto: true)
        let p = BranchProcessor(requestMap: request, children: children, resultMap: result, observer: observer)
        return .processor(p)
    }
}

/// The `branch` processor.
struct BranchProcessor: Processor {
    let requestMap: MessageMapper?
    let children: [any Processor]
    let resultMap: MessageMapper?
    let observer: ProcessorObserver

    func process(_ batch: Batch) async -> [Batch] {
        var originals = batch
        var mapErrors: [(index: Int, message: String)] = []

        let results: [Message?]
        switch await makeResults(batch, &mapErrors) {
        case .success(let r):
            results = r
        case .failure(let message):
            for i in originals.indices { originals[i].error = message }
            for e in mapErrors { originals[e.index].error = e.message }
            return [originals]
        }
        for e in mapErrors {
            originals[e.index].error = e.message
            observer.logger.debug("Branch error: \(e.message)")
        }

        if let resultMap {
            let current = originals
            let logger = observer.logger
            originals = await resultMap.evaluate { BranchProcessor.merge(results, into: current, resultMap, logger) }
        }
        return [originals]
    }

    /// Runs the result map of each result onto its original message.
    static func merge(
        _ results: [Message?], into originals: Batch, _ resultMap: MessageMapper, _ logger: StructuredLogger
    )
        -> Batch
    {
        var originals = originals
        resultMap.withContext { ctx in
            var reference: Batch = results.map { $0 ?? Message(content: []) }
            let batchMessages = MessageMapper.batchMessages(reference)
            for i in results.indices where results[i] != nil {
                do throws(RuntimeError) {
                    if let merged = try resultMap.mapOnto(originals[i], ctx, reference: &reference, index: i, batch: batchMessages) {
                        originals[i] = merged
                    }
                } catch {
                    logger.error("Branch error: result mapping failed: \(error.message)")
                    originals[i].error = "result mapping failed: \(error.message)"
                }
            }
        }
        return originals
    }

    /// The requests built by the request map, the positions skipped (deleted or failed) and
    /// the errors of the failed ones.
    struct Requests: Sendable {
        var messages: Batch = []
        var skippedOrFailed: [Int] = []
        var errors: [MapError] = []
    }

    struct MapError: Sendable {
        var index: Int
        var message: String
    }

    static func makeRequests(_ batch: Batch, _ requestMap: MessageMapper, _ logger: StructuredLogger) -> Requests {
        var out = Requests()
        requestMap.withContext { ctx in
            var reference = batch
            let batchMessages = MessageMapper.batchMessages(batch)
            for i in batch.indices {
                var start = batch[i]
                start.error = nil
                start.setContent([])
                do throws(RuntimeError) {
                    if let r = try requestMap.mapOnto(start, ctx, reference: &reference, index: i, batch: batchMessages) {
                        out.messages.append(r)
                    } else {
                        out.skippedOrFailed.append(i)
                    }
                } catch {
                    logger.debug("Failed to map request '\(i)': \(error.message)")
                    out.skippedOrFailed.append(i)
                    out.errors.append(MapError(index: i, message: "request mapping failed: \(error.message)"))
                }
            }
        }
        return out
    }

    enum Outcome {
        case success([Message?])
        /// A failure of the whole batch.
        case failure(String)
    }

    /// Builds the requests, runs the children and lines their results up with the original
    /// messages (nil where a message was skipped or failed).
    private func makeResults(_ batch: Batch, _ mapErrors: inout [(index: Int, message: String)]) async -> Outcome {
        var skippedOrFailed: [Int] = []
        var requests: Batch = []
        if let requestMap {
            let logger = observer.logger
            let made = await requestMap.evaluate { BranchProcessor.makeRequests(batch, requestMap, logger) }
            requests = made.messages
            skippedOrFailed = made.skippedOrFailed
            mapErrors.append(contentsOf: made.errors.map { ($0.index, $0.message) })
        } else {
            requests = batch.map {
                var m = $0
                m.error = nil
                return m
            }
        }

        var outputs: Batch = []
        if !requests.isEmpty {
            let processed = await ProcessorChain.executeAll(children, [requests])
            if processed.isEmpty {
                observer.logger.error("Child processors failed: child processors resulted in zero messages")
                return .failure("child processors resulted in zero messages")
            }
            outputs = processed.flatMap { $0 }
        }

        if outputs.count + skippedOrFailed.count != batch.count {
            let message =
                "message count from branch processors does not match request, started with \(outputs.count + skippedOrFailed.count) messages, finished with \(batch.count)"
            observer.logger.error(
                "Failed to align branch result: \(message). Avoid using filters or archive/unarchive processors within your branch, or anything that increases or reduces the number of messages. These processors should instead be applied before or after the branch processor."
            )
            return .failure(message)
        }

        var aligned = [Message?](repeating: nil, count: batch.count)
        let gaps = Set(skippedOrFailed)
        var next = 0
        for i in batch.indices where !gaps.contains(i) {
            aligned[i] = outputs[next]
            next += 1
        }
        for i in aligned.indices {
            if let failure = aligned[i]?.error {
                aligned[i] = nil
                mapErrors.append((i, "processors failed: \(failure)"))
            }
        }
        return .success(aligned)
    }

    func close() async { await ProcessorChain.closeAll(children) }
}
