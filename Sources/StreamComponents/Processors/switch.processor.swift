import Bloblang
import StreamRuntime

extension StreamComponents.ProcessorSpecs {
    static let switchCaseFields: [FieldSpec] = [
        FieldSpec(
            "check", .bloblang,
            "A Bloblang query that must give a boolean: true runs the case's processors on the message. Empty passes every message. A check that fails flags the message with the error, and the message is tested against no other case.",
            default: .string(""), examples: [#"this.type == "foo""#, #"this.contents.urls.contains("https://benthos.dev/")"#]),
        FieldSpec("processors", .processors, "The processors to run on the messages that pass the check.", default: .array([])),
        FieldSpec(
            "fallthrough", .bool,
            "When the case passes, also run the next case on the messages, without testing its check.",
            default: .bool(false), advanced: true),
        FieldSpec(
            "continue", .bool,
            "When the case passes, also test the next case on the messages (its check is evaluated, unlike `fallthrough`).",
            default: .bool(false), advanced: true),
    ]

    static let `switch` = ComponentSpec(
        .processor, "switch",
        summary: "Runs the processors of the first case whose check passes for each message.",
        description: """
            The cases are tried in order for each message; a message whose check passes goes through \
            that case's processors and is tested against no later case (unless the case sets \
            `fallthrough` or `continue`). Messages that pass no case go on unchanged.

            In a batch, each message is checked on its own, and the messages that pass a case go \
            through its processors together as a batch. The result is one batch in the original order \
            of the messages.
            """,
        fields: [FieldSpec("", .array(.object(switchCaseFields)), "The cases, in order.", default: .array([]))],
        examples: [
            ConfigExample(
                "Route by type",
                summary: "Tag the messages of George and drop everything else.",
                yaml: """
                    switch:
                      - check: this.user.name.first == "George"
                        processors:
                          - mutation: 'root.tagged = true'
                      - processors:
                          - mapping: 'root = deleted()'
                    """)
        ]
    ) { config, ctx in
        let observer = ProcessorObserver(config, ctx)
        var cases: [SwitchProcessor.Case] = []
        for (i, item) in try config.listItems().enumerated() {
            let c = ComponentConfig.nested(item.node, fields: switchCaseFields, path: item.path, name: "switch")
            let checkText = try c.string("check")
            let check = checkText.isEmpty ? nil : try MessageMapper(c, "check", ctx)
            let fallsThrough = try c.bool("fallthrough")
            let continueOn = try c.bool("continue")
            if fallsThrough && continueOn {
                throw c.error(
                    "case '\(i)' parse error: a case cannot have both 'fallthrough' and 'continue' set to true", field: "")
            }
            let processors = try ProcessorObserver.buildChildren(ctx, c.field("processors"), path: c.fieldPath("processors"))
            if processors.isEmpty {
                throw c.error(
                    "case '\(i)' parse error: case has no processors, in order to have a no-op case use a `noop` processor",
                    field: "processors")
            }
            cases.append(.init(check: check, processors: processors, fallsThrough: fallsThrough, continueOn: continueOn))
        }
        let p = SwitchProcessor(cases: cases, observer: observer)
        return .processor(p)
    }
}

/// The `switch` processor.
struct SwitchProcessor: Processor {
    struct Case: Sendable {
        let check: MessageMapper?
        let processors: [any Processor]
        let fallsThrough: Bool
        let continueOn: Bool
    }

    let cases: [Case]
    let observer: ProcessorObserver

    /// A message with the position it had in the input batch, so the output can be put back
    /// in order.
    typealias Tagged = (origin: Int, message: Message)

    func process(_ batch: Batch) async -> [Batch] {
        var result: [Tagged] = []
        var remaining: [Tagged] = batch.enumerated().map { ($0.offset, $0.element) }
        var carryOver: [Tagged] = []
        for (i, c) in cases.enumerated() {
            var passed = carryOver
            var failed: [Tagged] = []
            if let check = c.check {
                let tested = remaining.map(\.message)
                let outcomes = await check.evaluate { SwitchProcessor.test(check, tested) }
                for (t, outcome) in zip(remaining, outcomes) {
                    switch outcome {
                    case .success(true): passed.append(t)
                    case .success(false): failed.append(t)
                    case .failure(let error):
                        observer.logger.error("Failed to test case \(i): \(error.message)")
                        var m = t.message
                        m.error = error.message
                        result.append((t.origin, m))
                    }
                }
            } else {
                passed.append(contentsOf: remaining)
            }
            carryOver = []
            remaining = failed
            if !passed.isEmpty {
                let outputs = await ProcessorChain.executeAll(c.processors, [passed.map(\.message)]).flatMap { $0 }
                let tagged = SwitchProcessor.retag(outputs, from: passed)
                if c.fallsThrough {
                    carryOver.append(contentsOf: tagged)
                } else if c.continueOn {
                    remaining.append(contentsOf: tagged)
                } else {
                    result.append(contentsOf: tagged)
                }
            }
        }
        // As in Benthos, messages still carried over by a `fallthrough` on the last case are
        // not part of the result.
        result.append(contentsOf: remaining)
        if result.isEmpty { return [] }
        let ordered = result.enumerated().sorted { a, b in
            a.element.origin != b.element.origin ? a.element.origin < b.element.origin : a.offset < b.offset
        }
        return [ordered.map(\.element.message)]
    }

    /// Runs a case's check on each message of `batch`.
    static func test(_ check: MessageMapper, _ batch: Batch) -> [Result<Bool, RuntimeError>] {
        check.withContext { ctx in
            var reference = batch
            let batchMessages = MessageMapper.batchMessages(batch)
            return batch.indices.map { j in
                do throws(RuntimeError) {
                    return .success(try check.query(ctx, reference: &reference, index: j, batch: batchMessages))
                } catch {
                    return .failure(error)
                }
            }
        }
    }

    /// Gives the outputs of a case the positions of the messages they came from: one for one
    /// when the processors kept the count, otherwise all at the position of the first input.
    static func retag(_ outputs: [Message], from inputs: [Tagged]) -> [Tagged] {
        if outputs.count == inputs.count {
            return zip(inputs, outputs).map { ($0.origin, $1) }
        }
        let origin = inputs.map(\.origin).min() ?? 0
        return outputs.map { (origin, $0) }
    }

    func close() async {
        for c in cases { await ProcessorChain.closeAll(c.processors) }
    }
}
