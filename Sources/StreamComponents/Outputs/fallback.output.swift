import Bloblang
import StreamRuntime

extension ComponentSpec {
    /// `fallback`: the first child output that accepts the batch wins.
    static let fallbackOutput = ComponentSpec(
        .output, "fallback",
        summary: "Tries a list of outputs in order and stops at the first one that writes the batch.",
        description: """
            Each batch goes to the first output. When that write fails, the batch goes to the next output, \
            with the failure in the metadata field `fallback_error` of every message, and so on. The write \
            succeeds as soon as one output succeeded, and fails (the batch is nacked) only when the last one \
            failed too. Child outputs may have their own `processors`, which see `fallback_error`: a common \
            use is to record a failure and answer a synchronous request with an error status.
            """,
        fields: [FieldSpec("", .outputs, "The outputs, in the order they are tried.")],
        examples: [
            ConfigExample(
                "Queue or answer 503",
                summary: """
                    Publishes to a file and answers the HTTP client; when publishing fails, the client gets a \
                    503 with the reason instead.
                    """,
                yaml: """
                    input:
                      stdin: {}
                    output:
                      fallback:
                        - broker:
                            pattern: fan_out_sequential
                            outputs:
                              - file:
                                  path: ./queued.jsonl
                              - sync_response: {}
                        - processors:
                            - mapping: |
                                meta http_status = "503"
                                root.error = "not queued: " + @fallback_error
                          sync_response: {}
                    """),
        ]
    ) { config, context in
        guard case .sequence(let items, _)? = config.field("") else {
            throw config.error("expected a list of outputs", field: "")
        }
        var children: [any Output] = []
        for (i, node) in items.enumerated() {
            children.append(try context.buildOutput(node, path: "\(config.path)[\(i)]"))
        }
        if children.isEmpty { throw config.error("a fallback output needs at least one output", field: "") }
        return .output(FallbackOutput(children: children))
    }
}

/// Writes to the first child that succeeds; later children see why the earlier ones failed.
struct FallbackOutput: Output {
    let children: [any Output]

    func connect() async throws {
        // A child that cannot connect yet is not fatal: the next one may take the batches.
        var firstError: (any Error)?
        var connected = 0
        for c in children {
            do {
                try await c.connect()
                connected += 1
            } catch {
                firstError = firstError ?? error
            }
        }
        if connected == 0, let firstError { throw firstError }
    }

    func write(_ batch: Batch) async throws {
        var current = batch
        var lastError: (any Error)?
        for c in children {
            do {
                try await c.write(current)
                return
            } catch {
                lastError = error
                let reason = Value.string("\(error)")
                for i in current.indices { current[i].metadata["fallback_error"] = reason }
            }
        }
        if let lastError { throw lastError }
    }

    func close() async {
        for c in children { await c.close() }
    }
}
