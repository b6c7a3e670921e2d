import Bloblang
import StreamRuntime

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How a byte-stream input (stdin, files) cuts its bytes into messages: the `scanner` field
/// (`lines`, `to_the_end`, `chunker`) or the deprecated `codec` field (`lines`, `all-bytes`,
/// `delim:x`, `chunker:N`).
enum ByteScanner: Sendable, Equatable {
    /// One message per line. `delimiter` nil means a line break, with a `\r` before it dropped.
    case lines(delimiter: [UInt8]?, maxLength: Int, omitEmpty: Bool)
    /// The whole stream as one message.
    case toTheEnd
    /// Messages of `size` bytes (the last one may be shorter).
    case chunker(size: Int)

    /// Go's `bufio.MaxScanTokenSize`, the default longest line of the `lines` scanner.
    static let defaultMaxLineLength = 64 * 1024

    /// The scanner names accepted in the `scanner` field.
    static let scannerNames = ["lines", "to_the_end", "chunker"]

    // MARK: - Config

    /// The fields shared by `stdin` and `file`.
    static func fields(defaultScanner: String) -> [FieldSpec] {
        [
            FieldSpec(
                "codec", .string,
                "Deprecated: use `scanner`. How to split the stream: `lines`, `all-bytes`, `delim:<text>` or `chunker:<bytes>`.",
                optional: true, advanced: true, examples: [.string("lines"), .string("all-bytes"), .string("delim:\t")]),
            FieldSpec(
                "max_buffer", .int,
                "Deprecated: the longest line, in bytes, that the deprecated `codec: lines` accepts.",
                default: .int(1_000_000), advanced: true),
            FieldSpec(
                "scanner", .any,
                "How the stream of bytes is cut into messages: `lines` (options `custom_delimiter`, `max_buffer_size`, `omit_empty`), `to_the_end` (the whole stream is one message) or `chunker` (option `size`).",
                default: .object([defaultScanner: .object([:])]),
                examples: [
                    .object(["lines": .object([:])]),
                    .object(["to_the_end": .object([:])]),
                    .object(["lines": .object(["custom_delimiter": .string("\t"), "omit_empty": .bool(true)])]),
                ]),
        ]
    }

    /// Reads the scanner from a component config: the deprecated `codec` field wins when set.
    static func from(_ config: ComponentConfig) throws(ConfigError) -> ByteScanner {
        if let codec = try config.optionalString("codec") {
            var maxBuffer = try config.int("max_buffer")
            if maxBuffer == 0 { maxBuffer = 1_000_000 }
            return try fromCodec(codec, maxBuffer: maxBuffer, config: config)
        }
        guard let value = config.value("scanner") else {
            return .lines(delimiter: nil, maxLength: defaultMaxLineLength, omitEmpty: false)
        }
        guard case .object(let object) = value, object.count == 1, let (name, options) = object.first else {
            throw config.error("expected an object with a single scanner type, such as `lines: {}`", field: "scanner")
        }
        let opts: [String: Value]
        switch options {
        case .object(let o): opts = o
        case .null: opts = [:]
        default: throw config.error("expected an object of options for scanner \(name)", field: "scanner")
        }
        let known: [String: [String]] = [
            "lines": ["custom_delimiter", "max_buffer_size", "omit_empty"], "to_the_end": [], "chunker": ["size"],
        ]
        if let allowed = known[name] {
            for key in opts.keys.sorted() where !allowed.contains(key) {
                let hint = Suggest.closest(to: key, in: allowed).map { ", did you mean \($0)?" } ?? ""
                throw config.error("field \(key) not recognised in scanner \(name)\(hint)", field: "scanner")
            }
        }
        switch name {
        case "lines":
            var delimiter: [UInt8]?
            if let d = opts["custom_delimiter"], d.type != .null {
                let text = d.plainString
                delimiter = text.isEmpty ? nil : Array(text.utf8)
            }
            var maxLength = defaultMaxLineLength
            if let m = opts["max_buffer_size"], m.type != .null {
                guard let n = try? m.getInt(), n > 0 else {
                    throw config.error("scanner lines: max_buffer_size must be a positive integer", field: "scanner")
                }
                maxLength = Int(n)
            }
            var omitEmpty = false
            if let o = opts["omit_empty"], o.type != .null {
                guard case .bool(let b) = o else {
                    throw config.error("scanner lines: omit_empty must be a bool", field: "scanner")
                }
                omitEmpty = b
            }
            return .lines(delimiter: delimiter, maxLength: maxLength, omitEmpty: omitEmpty)
        case "to_the_end":
            return .toTheEnd
        case "chunker":
            guard let s = opts["size"], let n = try? s.getInt(), n > 0 else {
                throw config.error("scanner chunker: field size is required and must be a positive integer", field: "scanner")
            }
            return .chunker(size: Int(n))
        default:
            let hint = Suggest.closest(to: name, in: scannerNames).map { ", did you mean \($0)?" } ?? ""
            throw config.error("scanner type \(name) is not supported\(hint)", field: "scanner")
        }
    }

    private static func fromCodec(_ codec: String, maxBuffer: Int, config: ComponentConfig) throws(ConfigError) -> ByteScanner {
        switch codec {
        case "lines": return .lines(delimiter: nil, maxLength: maxBuffer, omitEmpty: false)
        case "all-bytes": return .toTheEnd
        default: break
        }
        if codec.hasPrefix("delim:") {
            let delimiter = codec.dropFirst("delim:".count)
            if delimiter.isEmpty { throw config.error("custom delimiter codec requires a non-empty delimiter", field: "codec") }
            return .lines(delimiter: Array(delimiter.utf8), maxLength: maxBuffer, omitEmpty: false)
        }
        if codec.hasPrefix("chunker:") {
            let text = String(codec.dropFirst("chunker:".count))
            guard let size = Int(text), size > 0 else {
                throw config.error(
                    "invalid chunk size for chunker codec: strconv.ParseInt: parsing \(GoStrconv.quote(text)): invalid syntax",
                    field: "codec")
            }
            return .chunker(size: size)
        }
        throw config.error("codec was not recognised: \(codec)", field: "codec")
    }

    /// A splitter that applies this scanner to a stream fed chunk by chunk.
    func makeSplitter() -> ByteSplitter { ByteSplitter(self) }
}

/// The error Go's `bufio.Scanner` gives for a line longer than its buffer.
struct ScannerTokenTooLong: Error, CustomStringConvertible {
    var description: String { "bufio.Scanner: token too long" }
}

/// Cuts a byte stream into messages as it arrives. Feed chunks with `feed`, take the
/// messages found so far with `next`, and call `finish` at end of stream.
struct ByteSplitter: Sendable {
    let scanner: ByteScanner
    /// Bytes received but not yet part of a message.
    private var pending: [UInt8] = []
    /// Messages found and not yet taken, from `head` on.
    private var ready: [[UInt8]] = []
    private var head = 0
    private var finished = false

    init(_ scanner: ByteScanner) { self.scanner = scanner }

    /// True when `next` has a message.
    var hasMessage: Bool { head < ready.count }

    /// The next message found, if any.
    mutating func next() -> [UInt8]? {
        guard head < ready.count else { return nil }
        let m = ready[head]
        ready[head] = []
        head += 1
        if head == ready.count {
            ready.removeAll(keepingCapacity: true)
            head = 0
        }
        return m
    }

    /// Adds bytes from the stream.
    /// - Throws: `ScannerTokenTooLong` when a line grows past the scanner's limit.
    mutating func feed(_ chunk: [UInt8]) throws(ScannerTokenTooLong) {
        switch scanner {
        case .toTheEnd:
            pending.append(contentsOf: chunk)
        case .chunker(let size):
            pending.append(contentsOf: chunk)
            if pending.count >= size {
                var start = 0
                while pending.count - start >= size {
                    ready.append(Array(pending[start..<(start + size)]))
                    start += size
                }
                pending.removeFirst(start)
            }
        case .lines(let delimiter, let maxLength, let omitEmpty):
            try splitLines(chunk, delimiter: delimiter, maxLength: maxLength, omitEmpty: omitEmpty)
        }
    }

    /// Marks the end of the stream, turning what is left into a final message.
    mutating func finish() {
        guard !finished else { return }
        finished = true
        switch scanner {
        case .toTheEnd:
            ready.append(pending)
        case .chunker:
            if !pending.isEmpty { ready.append(pending) }
        case .lines(let delimiter, _, let omitEmpty):
            if !pending.isEmpty {
                var line = pending
                if delimiter == nil, line.last == 0x0D { line.removeLast() }
                if !(omitEmpty && line.isEmpty) { ready.append(line) }
            }
        }
        pending = []
    }

    private mutating func splitLines(
        _ chunk: [UInt8], delimiter: [UInt8]?, maxLength: Int, omitEmpty: Bool
    ) throws(ScannerTokenTooLong) {
        // Search only the new bytes (plus a delimiter's worth of overlap) for line ends.
        let overlap = max((delimiter?.count ?? 1) - 1, 0)
        let searchFrom = max(pending.count - overlap, 0)
        if pending.isEmpty {
            pending = chunk
        } else {
            pending.append(contentsOf: chunk)
        }
        var lineStart = 0
        var tooLong = false
        let data = pending
        data.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else { return }
            var i = searchFrom
            let count = buf.count
            if let delimiter, delimiter.count > 1 {
                let first = delimiter[0]
                while i < count {
                    guard let hit = memchr(base + i, Int32(first), count - i) else { break }
                    let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if at + delimiter.count > count { break }
                    if UnsafeBufferPointer(rebasing: buf[at..<(at + delimiter.count)]).elementsEqual(delimiter) {
                        if at - lineStart >= maxLength { tooLong = true; return }
                        let line = Array(buf[lineStart..<at])
                        if !(omitEmpty && line.isEmpty) { ready.append(line) }
                        lineStart = at + delimiter.count
                        i = lineStart
                    } else {
                        i = at + 1
                    }
                }
            } else {
                let byte = Int32(delimiter?.first ?? 0x0A)
                let dropCR = delimiter == nil
                while i < count {
                    guard let hit = memchr(base + i, byte, count - i) else { break }
                    let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if at - lineStart >= maxLength { tooLong = true; return }
                    var end = at
                    if dropCR, end > lineStart, buf[end - 1] == 0x0D { end -= 1 }
                    if !(omitEmpty && end == lineStart) { ready.append(Array(buf[lineStart..<end])) }
                    lineStart = at + 1
                    i = lineStart
                }
            }
        }
        if tooLong { throw ScannerTokenTooLong() }
        if lineStart > 0 {
            if lineStart == pending.count {
                pending.removeAll(keepingCapacity: true)
            } else {
                pending.removeFirst(lineStart)
            }
        }
        if pending.count >= maxLength { throw ScannerTokenTooLong() }
    }
}
