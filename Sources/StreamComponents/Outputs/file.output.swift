import Bloblang
import StreamRuntime

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension ComponentSpec {
    /// `file`: messages written to files on disk.
    static let fileOutput = ComponentSpec(
        .output, "file",
        summary: "Writes messages to files on disk, with the file path chosen per message.",
        description: """
            `path` is interpolated for each message, so messages can be spread over several files \
            (`./out/${! @kind }.jsonl`). Missing folders are created. Only one file is open at a time: when \
            the path changes the previous file is closed. Relative paths are taken from the working directory.

            With the `lines`, `append` and `delim:` codecs messages are appended to the file; with `all-bytes` \
            each message replaces the whole file.
            """,
        fields: [
            FieldSpec(
                "path", .interpolatedString, "The file to write to; it is created if it does not exist.",
                examples: [
                    .string("/tmp/data.txt"), .string("/tmp/${! timestamp_unix() }.txt"),
                    .string(#"./out/${! json("id") }.json"#),
                ]),
            FieldSpec(
                "codec", .string,
                "How messages are written: `lines` (a newline after each), `append` (nothing between them), `delim:<text>` (a custom separator) or `all-bytes` (each message is the whole file).",
                default: .string("lines"), examples: [.string("lines"), .string("all-bytes"), .string("delim:\t")]),
        ],
        examples: [
            ConfigExample(
                "One file per kind",
                summary: "Appends each message as a line to a file named after its `kind` field.",
                yaml: """
                    input:
                      stdin: {}
                    output:
                      file:
                        path: './out/${! json("kind").or("unknown") }.jsonl'
                        codec: lines
                    """),
            ConfigExample(
                "A file per message",
                summary: "Writes each message to its own file named after its id.",
                yaml: """
                    input:
                      generate:
                        count: 10
                        interval: ""
                        mapping: 'root = {"id": uuid_v4()}'
                    output:
                      file:
                        path: '/tmp/docs/${! json("id") }.json'
                        codec: all-bytes
                    """),
        ]
    ) { config, context in
        let codec: WriterCodec
        do {
            codec = try WriterCodec.parse(try config.string("codec"))
        } catch let error as WriterCodecError {
            throw config.error(error.description, field: "codec")
        }
        return .output(FileOutput(path: try context.interpolated(config, "path"), codec: codec, environment: context.environment))
    }
}

/// The error of a `path` that could not be interpolated.
struct FilePathInterpolationError: Error, CustomStringConvertible {
    var description: String
}

/// Writes messages to files, keeping the last file open while its path does not change.
actor FileOutput: Output {
    private let path: InterpolatedString
    private let codec: WriterCodec
    private let environment: Environment
    private var handle: (fd: Int32, path: String)?

    init(path: InterpolatedString, codec: WriterCodec, environment: Environment) {
        self.path = path
        self.codec = codec
        self.environment = environment
    }

    func connect() async throws {}

    func write(_ batch: Batch) async throws {
        // Consecutive messages bound for the same file go out in one write.
        var pendingPath: String?
        var buffer: [UInt8] = []
        for message in batch {
            let target: String
            do {
                target = POSIXIO.clean(try IOMessageContext.render(path, environment: environment, batch: [message], index: 0))
            } catch {
                if let pendingPath { try flush(buffer, to: pendingPath) }
                throw FilePathInterpolationError(description: "path interpolation error: \(error.message)")
            }
            if codec.appends, target == pendingPath {
                codec.encode(message, into: &buffer)
                continue
            }
            if let pendingPath { try flush(buffer, to: pendingPath) }
            buffer.removeAll(keepingCapacity: true)
            codec.encode(message, into: &buffer)
            pendingPath = target
        }
        if let pendingPath { try flush(buffer, to: pendingPath) }
    }

    func close() async {
        if let handle { POSIXIO.closeFile(handle.fd) }
        handle = nil
    }

    private func flush(_ bytes: [UInt8], to target: String) throws(POSIXIOError) {
        if let handle, handle.path == target {
            try POSIXIO.writeAll(handle.fd, bytes, path: target)
            return
        }
        if let handle { POSIXIO.closeFile(handle.fd) }
        handle = nil
        try POSIXIO.makeDirectories(POSIXIO.parent(of: target))
        let flags = O_CREAT | O_RDWR | (codec.appends ? O_APPEND : O_TRUNC)
        let fd = try POSIXIO.openFile(target, flags: flags)
        do {
            try POSIXIO.writeAll(fd, bytes, path: target)
        } catch {
            POSIXIO.closeFile(fd)
            throw error
        }
        if codec.appends {
            handle = (fd, target)
        } else {
            POSIXIO.closeFile(fd)
        }
    }
}
