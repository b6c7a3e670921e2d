import StreamRuntime

/// How an output that writes a byte stream (stdout, files) separates messages: the `codec`
/// field of those outputs.
enum WriterCodec: Sendable, Equatable {
    /// Each message is a whole file: the file is truncated before the write.
    case allBytes
    /// Messages are appended with the given delimiter after each one (none for `append`).
    case delimited([UInt8])

    /// The codec values documented on the `codec` fields.
    static let documentedOptions = ["lines", "append", "all-bytes", "delim:x"]

    /// Parses a codec name: `lines`, `append`, `all-bytes` or `delim:<text>`.
    /// - Throws: the message Benthos gives for an unknown codec or an empty delimiter.
    static func parse(_ name: String) throws(WriterCodecError) -> WriterCodec {
        switch name {
        case "all-bytes": return .allBytes
        case "append": return .delimited([])
        case "lines": return .delimited([0x0A])
        default: break
        }
        if name.hasPrefix("delim:") {
            let delimiter = String(name.dropFirst("delim:".count))
            if delimiter.isEmpty {
                throw WriterCodecError("custom delimiter codec requires a non-empty delimiter")
            }
            return .delimited(Array(delimiter.utf8))
        }
        throw WriterCodecError("codec was not recognised: \(name)")
    }

    /// True when a file is opened for appending; false when every write replaces the file.
    var appends: Bool {
        if case .allBytes = self { return false }
        return true
    }

    /// Appends the content of `message` and, unless it already ends with it, the delimiter.
    func encode(_ message: Message, into out: inout [UInt8]) {
        let start = out.count
        message.appendContent(to: &out)
        guard case .delimited(let delimiter) = self, !delimiter.isEmpty else { return }
        if out.count - start >= delimiter.count, out[(out.count - delimiter.count)...].elementsEqual(delimiter) { return }
        out.append(contentsOf: delimiter)
    }
}

/// A bad `codec` value.
struct WriterCodecError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
