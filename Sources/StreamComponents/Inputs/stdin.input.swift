import Bloblang
import StreamRuntime
import Synchronization

extension ComponentSpec {
    /// `stdin`: messages cut from the bytes piped into the process.
    static let stdinInput = ComponentSpec(
        .input, "stdin",
        summary:
            "Reads the data piped into the process's standard input and cuts it into messages with a scanner (one message per line by default).",
        description: """
            Standard input is read by one dedicated thread, a chunk at a time, into a small bounded queue, so \
            that a slow pipeline holds back reading instead of buffering the whole stream. Each message is its \
            own batch. When the stream ends (the writer closes the pipe) the input ends and the pipeline drains \
            and stops.

            Acknowledgements cannot be sent back to a pipe, so with `auto_replay_nacks` (the default) a message \
            that an output rejects is sent through the pipeline again; with it off the message is dropped.
            """,
        fields: ByteScanner.fields(defaultScanner: "lines") + [autoReplayNacksField],
        examples: [
            ConfigExample(
                "Lines to JSON documents",
                summary: "Each line of standard input becomes a message; a mapping wraps it in a JSON object.",
                yaml: """
                    input:
                      stdin: {}
                    pipeline:
                      processors:
                        - mapping: 'root = {"line": content().string()}'
                    output:
                      stdout: {}
                    """),
            ConfigExample(
                "Whole stream as one message",
                summary: "Reads everything up to the end of the stream into a single message.",
                yaml: """
                    input:
                      stdin:
                        scanner:
                          to_the_end: {}
                    output:
                      stdout: {}
                    """),
        ]
    ) { config, _ in
        let scanner = try ByteScanner.from(config)
        let input = StdinInput(relay: StdinRelay.shared, scanner: scanner)
        return .input(try config.bool("auto_replay_nacks") ? AutoReplayInput(input) : input)
    }

    /// The `auto_replay_nacks` field shared by inputs that cannot pass a nack upstream.
    static let autoReplayNacksField = FieldSpec(
        "auto_replay_nacks", .bool,
        "Whether messages that are rejected (nacked) downstream are sent through the pipeline again. When off, rejected messages are dropped.",
        default: .bool(true))
}

/// Reads standard input (or any descriptor behind a `StdinRelay`) and cuts it into
/// single-message batches.
///
/// The splitter sits behind a mutex rather than in an actor: a read that finds a message in
/// the current chunk then returns without suspending, so the pipeline's reader runs ahead
/// through a whole chunk in one go.
final class StdinInput: BulkInput {
    private struct State {
        var splitter: ByteSplitter
        var ended = false
    }

    private let relay: StdinRelay
    private let state: Mutex<State>

    init(relay: StdinRelay, scanner: ByteScanner) {
        self.relay = relay
        self.state = Mutex(State(splitter: scanner.makeSplitter()))
    }

    func connect() async throws {}

    /// Standard input has nobody to acknowledge to.
    private static let noAck: AckHandler = { _ in }

    func readAvailable(max: Int) async throws -> [(Batch, AckHandler)] {
        var out = [try await read()]
        state.withLock { s in
            while out.count < max, let bytes = s.splitter.next() { out.append(([Message(content: bytes)], Self.noAck)) }
        }
        return out
    }

    func read() async throws -> (Batch, AckHandler) {
        enum Step { case message([UInt8]), end, fetch }
        enum Fed { case ok, failed(any Error), readFailed(String) }
        while true {
            let step: Step = state.withLock { s in
                if let bytes = s.splitter.next() { return .message(bytes) }
                return s.ended ? .end : .fetch
            }
            switch step {
            case .message(let bytes): return ([Message(content: bytes)], Self.noAck)
            case .end: throw InputError.endOfInput
            case .fetch: break
            }
            guard let chunk = await relay.next() else { throw CancellationError() }
            let fed: Fed = state.withLock { s in
                switch chunk {
                case .bytes(let bytes):
                    do {
                        try s.splitter.feed(bytes)
                    } catch {
                        s.ended = true
                        return .failed(error)
                    }
                case .end:
                    s.ended = true
                    s.splitter.finish()
                case .failure(let reason):
                    s.ended = true
                    s.splitter.finish()
                    if !s.splitter.hasMessage { return .readFailed(reason) }
                }
                return .ok
            }
            switch fed {
            case .ok: continue
            case .failed(let error): throw error
            case .readFailed(let reason): throw StdinReadError(reason)
            }
        }
    }

    func close() async {}
}

/// Reading standard input failed.
struct StdinReadError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
