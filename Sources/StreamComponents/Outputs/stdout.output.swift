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
        var out: [UInt8]
        if batch.count == 1 {
            // `content` serialises structured messages: take it once.
            let content = batch[0].content
            out = []
            out.reserveCapacity(content.count + 1)
            codec.encode(content, into: &out)
        } else {
            out = []
            for message in batch { codec.encode(message.content, into: &out) }
        }
        try lock.withLock { _ throws(POSIXIOError) in
            try POSIXIO.writeAll(fileDescriptor, out, path: "/dev/stdout")
        }
    }

    /// Several batches in one system call (the pipeline coalesces them when input is waiting).
    func write(batches: [Batch]) async throws {
        // Serialise first, then copy into a buffer of the right size: growing one buffer
        // through many messages would reallocate and copy it several times.
        var contents: [[UInt8]] = []
        var size = 0
        for batch in batches {
            for message in batch {
                let content = message.content
                size += content.count + 1
                contents.append(content)
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(size + 16)
        for content in contents { codec.encode(content, into: &out) }
        guard !out.isEmpty else { return }
        try lock.withLock { _ throws(POSIXIOError) in
            try POSIXIO.writeAll(fileDescriptor, out, path: "/dev/stdout")
        }
    }

    func close() async {}
}
