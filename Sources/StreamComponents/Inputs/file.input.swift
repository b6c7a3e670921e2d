import Bloblang
import StreamRuntime
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension ComponentSpec {
    /// `file`: messages read from files on disk, one file after another.
    static let fileInput = ComponentSpec(
        .input, "file",
        summary:
            "Reads files from disk one after another and cuts their bytes into messages with a scanner (one message per line by default).",
        description: """
            The `paths` are expanded once, when the input starts: shell globs (`*`, `?`, `[abc]`) and super \
            globs (`**`, which crosses folders) are supported, and relative paths are taken from the working \
            directory, as Benthos does. Files are consumed in the order listed (glob matches in name order); \
            the input ends after the last one.

            Every message carries the metadata `path` (the file it came from), `mod_time_unix` (the file's \
            modification time in seconds since the epoch) and `mod_time` (the same time in RFC 3339).

            With `delete_on_finish` a file is removed once it has been read to the end and every message cut \
            from it has been acknowledged by the output.
            """,
        fields: [
            FieldSpec(
                "paths", .array(.string),
                "The files to read, in order. Globs are expanded; a path that matches nothing is reported when the input reaches it.",
                examples: [.array([.string("./data/*.jsonl")]), .array([.string("./logs/**/*.log")])])
        ] + ByteScanner.fields(defaultScanner: "lines") + [
            FieldSpec(
                "delete_on_finish", .bool,
                "Whether each file is deleted once it has been fully consumed and all of its messages acknowledged.",
                default: .bool(false), advanced: true),
            autoReplayNacksField,
        ],
        examples: [
            ConfigExample(
                "Read JSON lines from a folder",
                summary: "Reads every `.jsonl` file of a folder, one message per line, and tags each message with its file name.",
                yaml: """
                    input:
                      file:
                        paths: [ ./data/*.jsonl ]
                        scanner:
                          lines: {}
                    pipeline:
                      processors:
                        - mutation: 'meta source = @path'
                    output:
                      stdout: {}
                    """),
            ConfigExample(
                "Whole files as messages",
                summary: "Each file becomes a single message, and is deleted once that message was written.",
                yaml: """
                    input:
                      file:
                        paths: [ ./inbox/*.json ]
                        scanner:
                          to_the_end: {}
                        delete_on_finish: true
                    output:
                      drop: {}
                    """),
        ]
    ) { config, _ in
        let patterns = try config.stringList("paths")
        let paths: [String]
        do {
            paths = try PathGlob.expand(patterns)
        } catch {
            throw config.error("\(error)", field: "paths")
        }
        let scanner = try ByteScanner.from(config)
        let input = FileInput(paths: paths, scanner: scanner, deleteOnFinish: try config.bool("delete_on_finish"))
        return .input(try config.bool("auto_replay_nacks") ? AutoReplayInput(input) : input)
    }
}

/// Reads a list of files in order, cutting each with the scanner.
actor FileInput: Input {
    private struct OpenFile {
        var fd: Int32
        var path: String
        var metadata: [String: Value]
        var splitter: ByteSplitter
        var tracker: FileAckTracker
        /// Set for files that are not regular (pipes, devices): a thread reads them.
        var relay: StdinRelay?
        var reachedEnd = false
    }

    private var paths: [String]
    private let scanner: ByteScanner
    private let deleteOnFinish: Bool
    private var current: OpenFile?

    init(paths: [String], scanner: ByteScanner, deleteOnFinish: Bool) {
        self.paths = paths
        self.scanner = scanner
        self.deleteOnFinish = deleteOnFinish
    }

    func connect() async throws {}

    func read() async throws -> (Batch, AckHandler) {
        while true {
            if current == nil {
                guard let path = paths.first else { throw InputError.endOfInput }
                current = try open(path)
                paths.removeFirst()
            }
            guard var file = current else { continue }
            if let bytes = file.splitter.next() {
                current = file
                file.tracker.add()
                let tracker = file.tracker
                return ([Message(content: bytes, metadata: file.metadata)], { result in tracker.resolve(result) })
            }
            if file.reachedEnd {
                close(&file)
                current = nil
                continue
            }
            // Leave `current` empty while reading so that a failure closes the file cleanly.
            current = nil
            do {
                let chunk: [UInt8]
                if let relay = file.relay {
                    guard let item = await relay.next() else {
                        current = file
                        throw CancellationError()
                    }
                    switch item {
                    case .bytes(let b): chunk = b
                    case .end: chunk = []
                    case .failure(let reason): throw POSIXIOError(reason)
                    }
                } else {
                    chunk = try POSIXIO.readChunk(file.fd, capacity: 64 * 1024, path: file.path)
                }
                if chunk.isEmpty {
                    file.reachedEnd = true
                    file.splitter.finish()
                } else {
                    try file.splitter.feed(chunk)
                }
                current = file
            } catch let error as CancellationError {
                throw error
            } catch {
                file.tracker.fail()
                close(&file)
                throw error
            }
        }
    }

    func close() async {
        if var file = current {
            file.tracker.fail()
            close(&file)
            current = nil
        }
        paths = []
    }

    private func open(_ path: String) throws(POSIXIOError) -> OpenFile {
        let fd = try POSIXIO.openFile(path, flags: O_RDONLY)
        var info = stat()
        var metadata: [String: Value] = ["path": .string(path)]
        var regular = true
        if fstat(fd, &info) == 0 {
            let seconds = Int64(info.st_mtim.tv_sec)
            metadata["mod_time_unix"] = .int(seconds)
            metadata["mod_time"] = .string(Timestamp(seconds: seconds).rfc3339Nano)
            regular = (info.st_mode & S_IFMT) == S_IFREG
        }
        let deletePath: String? = deleteOnFinish ? path : nil
        return OpenFile(
            fd: fd, path: path, metadata: metadata, splitter: scanner.makeSplitter(),
            tracker: FileAckTracker(deletePath: deletePath),
            relay: regular ? nil : StdinRelay(fileDescriptor: fd, name: path))
    }

    private func close(_ file: inout OpenFile) {
        if file.reachedEnd { file.tracker.finish() }
        // A thread reading a pipe owns the descriptor until the pipe ends; after that, or for
        // regular files, it can be closed.
        if file.relay == nil || file.reachedEnd { POSIXIO.closeFile(file.fd) }
    }
}

/// Counts the messages of one file still in flight, and deletes the file (when asked to)
/// once it was read to the end and all of them were acknowledged.
final class FileAckTracker: Sendable {
    private struct State {
        var pending = 0
        var finished = false
        var failed = false
        var done = false

        mutating func checkDone() -> Bool {
            guard finished, pending <= 0, !failed, !done else { return false }
            done = true
            return true
        }
    }

    private let state = Mutex(State())
    private let deletePath: String?

    init(deletePath: String?) { self.deletePath = deletePath }

    func add() { state.withLock { $0.pending += 1 } }

    func resolve(_ result: AckResult) {
        let complete = state.withLock { s -> Bool in
            s.pending -= 1
            if case .nack = result { s.failed = true }
            return s.checkDone()
        }
        if complete { removeFile() }
    }

    /// The file was read to the end.
    func finish() {
        let complete = state.withLock { s -> Bool in
            s.finished = true
            return s.checkDone()
        }
        if complete { removeFile() }
    }

    /// The file will not be completed (read error or shutdown): it is never deleted.
    func fail() { state.withLock { $0.failed = true } }

    private func removeFile() {
        if let deletePath { _ = unlink(deletePath) }
    }
}
