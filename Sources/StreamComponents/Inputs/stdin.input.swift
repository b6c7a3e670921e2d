import Bloblang
import StreamRuntime

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
actor StdinInput: Input {
    private let relay: StdinRelay
    private var splitter: ByteSplitter
    private var ended = false

    init(relay: StdinRelay, scanner: ByteScanner) {
        self.relay = relay
        self.splitter = scanner.makeSplitter()
    }

    func connect() async throws {}

    func read() async throws -> (Batch, AckHandler) {
        while true {
            if let bytes = splitter.next() {
                return ([Message(content: bytes)], { _ in })
            }
            if ended { throw InputError.endOfInput }
            guard let chunk = await relay.next() else { throw CancellationError() }
            switch chunk {
            case .bytes(let bytes):
                do {
                    try splitter.feed(bytes)
                } catch {
                    ended = true
                    throw error
                }
            case .end:
                ended = true
                splitter.finish()
            case .failure(let reason):
                ended = true
                splitter.finish()
                if !splitter.hasMessage { throw StdinReadError(reason) }
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
