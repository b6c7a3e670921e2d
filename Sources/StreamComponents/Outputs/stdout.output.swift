import StreamRuntime
import Synchronization

extension ComponentSpec {
    /// `stdout`: messages printed to standard output.
    static let stdoutOutput = ComponentSpec(
        .output, "stdout",
        summary: "Prints each message to the process's standard output, followed by a line break by default.",
        description: """
            With the default `lines` codec a message is followed by a newline unless it already ends with \
            one. A batch is written with a single system call, and a write returns once the bytes were handed \
            to the operating system. While more input is already waiting and processing is quick, the \
            messages of several batches share one system call (each is still acknowledged only after it).
            """,
        fields: [
            FieldSpec(
                "codec", .string,
                "How messages are separated: `lines` (a newline after each), `append` (nothing between them), `delim:<text>` (a custom separator) or `all-bytes` (no separator).",
                default: .string("lines"), advanced: true,
                examples: [.string("lines"), .string("delim:\t"), .string("append")])
        ],
        examples: [
            ConfigExample(
                "Print messages",
                summary: "Each message on its own line.",
                yaml: """
                    input:
                      generate:
                        count: 3
                        interval: ""
                        mapping: 'root = "hello " + counter().string()'
                    output:
                      stdout: {}
                    """)
        ]
    ) { config, _ in
        let codec: WriterCodec
        do {
            codec = try WriterCodec.parse(try config.string("codec"))
        } catch let error as WriterCodecError {
            throw config.error(error.description, field: "codec")
        }
        return .output(StdoutOutput(fileDescriptor: 1, codec: codec))
    }
}

/// Writes messages to a descriptor (standard output unless a test says otherwise).
final class StdoutOutput: CoalescingOutput {
    private let fileDescriptor: Int32
    private let codec: WriterCodec
    /// Serialises writes so that concurrent batches do not interleave.
    private let lock = Mutex(())

    init(fileDescriptor: Int32, codec: WriterCodec) {
        self.fileDescriptor = fileDescriptor
        self.codec = codec
    }

    func connect() async throws {}

    func write(_ batch: Batch) async throws {
        guard !batch.isEmpty else { return }
        var out: [UInt8] = []
        encode(batch, into: &out)
        try await write(encoded: out)
    }

    /// Appends each message and its delimiter: the pipeline does this as soon as a batch is
    /// processed and writes the bytes of several batches with one `write(encoded:)`.
    func encode(_ batch: Batch, into buffer: inout [UInt8]) {
        for message in batch { codec.encode(message, into: &buffer) }
    }

    func write(encoded bytes: [UInt8]) async throws {
        guard !bytes.isEmpty else { return }
        try lock.withLock { _ throws(POSIXIOError) in
            try POSIXIO.writeAll(fileDescriptor, bytes, path: "/dev/stdout")
        }
    }

    func close() async {}
}
