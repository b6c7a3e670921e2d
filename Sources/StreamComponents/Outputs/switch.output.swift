import Bloblang
import Foundation
import StreamRuntime

extension ComponentSpec {
    /// `switch`: messages routed to outputs by per-case checks.
    static let switchOutput = ComponentSpec(
        .output, "switch",
        summary: "Routes each message to the outputs whose case check it passes.",
        description: """
            Cases are tried in order for every message. The first case whose `check` passes (an empty check \
            always passes) receives the message, and testing stops there unless that case sets \
            `continue: true`, in which case the following cases are tried as well. A check that fails to \
            evaluate, or returns something other than a boolean, counts as not passing (the error is logged).

            Messages that pass no case are dropped, unless `strict_mode` is on: then the whole batch fails \
            and is nacked. The messages of a batch bound for different outputs are written in parallel; the \
            write fails if any of them fails, unless `retry_until_success` is on, in which case each failing \
            output is retried until it succeeds. Do not combine `retry_until_success` with a `reject` case: \
            it would retry forever.
            """,
        fields: [
            FieldSpec(
                "retry_until_success", .bool,
                "Whether an output that fails is retried until it succeeds, instead of failing the write (which nacks the batch). Useful when a message may go to more than one output, to avoid duplicates on redelivery.",
                default: .bool(false)),
            FieldSpec(
                "strict_mode", .bool,
                "Whether a message that passes no case fails the write (the batch is nacked) instead of being dropped.",
                default: .bool(false), advanced: true),
            FieldSpec(
                "cases", .array(.object(switchCaseFields)),
                "The cases, tried in order. At least two are needed.",
                examples: [
                    .array([
                        .object([
                            "check": .string(#"this.type == "foo""#), "output": .object(["stdout": .object([:])]),
                            "continue": .bool(true),
                        ]),
                        .object(["output": .object(["drop": .object([:])])]),
                    ])
                ]),
        ],
        examples: [
            ConfigExample(
                "Route by type",
                summary: "Writes `foo` documents to one file, `bar` documents to another, and prints the rest.",
                yaml: """
                    input:
                      stdin: {}
                    output:
                      switch:
                        cases:
                          - check: this.type == "foo"
                            output:
                              file:
                                path: ./foos.jsonl
                          - check: this.type == "bar"
                            output:
                              file:
                                path: ./bars.jsonl
                          - output:
                              stdout: {}
                    """),
            ConfigExample(
                "Several matches",
                summary: "With `continue`, a message that passes both checks goes to both outputs.",
                yaml: """
                    input:
                      stdin: {}
                    output:
                      switch:
                        cases:
                          - check: 'this.tags.contains("audit").catch(false)'
                            continue: true
                            output:
                              file:
                                path: ./audit.jsonl
                          - check: 'this.level == "error"'
                            output:
                              stdout: {}
                    """),
        ]
    ) { config, context in
        try SwitchOutputBuilder.build(config, context)
    }

    /// The fields of one case of a `switch` output.
    static let switchCaseFields: [FieldSpec] = [
        FieldSpec(
            "check", .bloblang,
            "A Bloblang query returning a boolean: whether the message goes to this case's output. Empty always passes.",
            default: .string(""), examples: [.string(#"this.type == "foo""#), .string(#"@kind.or("") == "audit""#)]),
        FieldSpec("output", .output, "The output of the messages that pass the check."),
        FieldSpec(
            "continue", .bool, "Whether, after passing this case, the message is also tested against the next cases.",
            default: .bool(false), advanced: true),
    ]
}

/// Builds a `switch` output from its config.
enum SwitchOutputBuilder {
    static func build(_ config: ComponentConfig, _ context: BuildContext) throws -> Component {
        let retry = try config.bool("retry_until_success")
        let strict = try config.bool("strict_mode")
        let caseSpec = ComponentSpec(.output, "switch_case", summary: "", fields: ComponentSpec.switchCaseFields) { config, _ in
            throw config.error("a switch case is not an output", field: "")
        }
        guard let casesNode = config.field("cases") else {
            throw config.error("attempting to create switch with fewer than 2 cases", field: "cases")
        }
        guard case .sequence(let items, _) = casesNode else {
            throw config.error("expected a list of cases", field: "cases")
        }
        if items.count < 2 {
            throw config.error("attempting to create switch with fewer than 2 cases", field: "cases")
        }
        var cases: [SwitchOutput.Case] = []
        for (i, item) in items.enumerated() {
            let path = "\(config.fieldPath("cases"))[\(i)]"
            let caseConfig = ComponentConfig(spec: caseSpec, node: item, path: path, label: nil)
            var check: Mapping?
            if !(try caseConfig.string("check")).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                check = try context.mapping(caseConfig, "check")
            }
            guard let outputNode = caseConfig.field("output") else {
                throw caseConfig.error("field output is required", field: "output")
            }
            var output = try context.buildOutput(outputNode, path: "\(path).output")
            if retry { output = RetryingOutput(output, logger: context.logger, label: "\(path).output") }
            cases.append(SwitchOutput.Case(check: check, output: output, continues: try caseConfig.bool("continue")))
        }
        return .output(SwitchOutput(cases: cases, strictMode: strict, logger: context.logger))
    }
}

/// The error of a strict `switch` output given a message that passes no case.
struct SwitchNoCaseMatched: Error, CustomStringConvertible {
    var description: String { "no switch output conditions were met by message" }
}

/// Routes messages to case outputs.
struct SwitchOutput: Output {
    struct Case: Sendable {
        var check: Mapping?
        var output: any Output
        var continues: Bool
    }

    let cases: [Case]
    let strictMode: Bool
    let logger: StructuredLogger?

    func connect() async throws {
        for c in cases { try await c.output.connect() }
    }

    func write(_ batch: Batch) async throws {
        var targets = [Batch](repeating: [], count: cases.count)
        for index in batch.indices {
            var routed = false
            for (j, c) in cases.enumerated() {
                if let check = c.check {
                    do {
                        guard try SwitchOutput.passes(check, batch: batch, index: index) else { continue }
                    } catch {
                        logger?.error("Failed to test case \(j): \(error)")
                        continue
                    }
                }
                routed = true
                targets[j].append(batch[index])
                if !c.continues { break }
            }
            if !routed, strictMode {
                logger?.error(
                    "Message failed to match against at least one output check with strict mode enabled, it will be nacked and/or re-processed"
                )
                throw SwitchNoCaseMatched()
            }
        }
        let failures = await withTaskGroup(of: (Int, (any Error)?).self) { group in
            for (j, part) in targets.enumerated() where !part.isEmpty {
                let output = cases[j].output
                group.addTask {
                    do {
                        try await output.write(part)
                        return (j, nil)
                    } catch {
                        return (j, error)
                    }
                }
            }
            var failures: [(Int, any Error)] = []
            for await (j, error) in group {
                if let error { failures.append((j, error)) }
            }
            return failures.sorted { $0.0 < $1.0 }
        }
        if let first = failures.first { throw first.1 }
    }

    func close() async {
        for c in cases { await c.output.close() }
    }

    /// Runs a case check on message `index`: it must give a boolean.
    static func passes(_ check: Mapping, batch: Batch, index: Int) throws(RuntimeError) -> Bool {
        let ctx = IOMessageContext.make(for: check, batch: batch, index: index)
        try check.execute(ctx)
        var result = ctx.root
        switch result {
        case .delete:
            throw RuntimeError("query mapping resulted in deleted message, expected a boolean value")
        case .nothing:
            var original = batch[index]
            result = (try? original.structured()) ?? .bytes(original.content)
        default:
            break
        }
        if case .bool(let b) = result { return b }
        throw RuntimeError.type(expected: [.bool], got: result)
    }
}
