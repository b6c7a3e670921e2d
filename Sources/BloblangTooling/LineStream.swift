#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads newline-separated records from a file descriptor in large chunks.
public struct LineReader {
    let fd: Int32
    var buffer: [UInt8] = []
    var start = 0
    var eof = false
    public let maxLineLength: Int

    public enum Failure: Error, Equatable {
        case lineTooLong(Int)
        case readFailed(Int32)
    }

    public init(fd: Int32, maxLineLength: Int) {
        self.fd = fd
        self.maxLineLength = maxLineLength
        buffer.reserveCapacity(1 << 16)
    }

    /// True when the next `next()` call will have to wait for input.
    public var needsRead: Bool {
        if eof { return false }
        return buffer.withUnsafeBufferPointer { buf in
            memchr(buf.baseAddress! + start, 0x0A, buf.count - start) == nil
        }
    }

    /// The next line without its `\n` (a trailing `\r` is kept, as Go's scanner drops it:
    /// we drop it too), or nil at the end of input.
    public mutating func next() throws(Failure) -> [UInt8]? {
        while true {
            let newline = buffer.withUnsafeBufferPointer { buf -> Int? in
                guard let p = memchr(buf.baseAddress! + start, 0x0A, buf.count - start) else { return nil }
                return buf.baseAddress!.distance(to: p.assumingMemoryBound(to: UInt8.self))
            }
            if let nl = newline {
                var end = nl
                if end > start, buffer[end - 1] == 0x0D { end -= 1 }
                if end - start > maxLineLength { throw .lineTooLong(end - start) }
                let line = Array(buffer[start..<end])
                start = nl + 1
                return line
            }
            if eof {
                guard start < buffer.count else { return nil }
                var end = buffer.count
                if buffer[end - 1] == 0x0D { end -= 1 }
                if end - start > maxLineLength { throw .lineTooLong(end - start) }
                let line = Array(buffer[start..<end])
                start = buffer.count
                return line
            }
            if buffer.count - start > maxLineLength + 1 { throw .lineTooLong(buffer.count - start) }
            if start > 0 {
                buffer.removeFirst(start)
                start = 0
            }
            let chunk = 1 << 16
            let old = buffer.count
            buffer.reserveCapacity(old + chunk)
            buffer.append(contentsOf: repeatElement(0, count: chunk))
            let n = buffer.withUnsafeMutableBytes { raw in read(fd, raw.baseAddress! + old, chunk) }
            if n < 0 {
                if errno == EINTR { buffer.removeLast(chunk); continue }
                throw .readFailed(errno)
            }
            buffer.removeLast(chunk - n)
            if n == 0 { eof = true }
        }
    }
}

/// A buffered writer to a file descriptor.
public struct OutputBuffer {
    let fd: Int32
    var buffer: [UInt8] = []

    public init(fd: Int32) {
        self.fd = fd
        buffer.reserveCapacity(1 << 16)
    }

    public mutating func write(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    public mutating func write(_ s: String) { write(Array(s.utf8)) }

    public mutating func flush() {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { raw in
                #if canImport(Glibc)
                Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                #else
                Darwin.write(fd, raw.baseAddress! + offset, raw.count - offset)
                #endif
            }
            if n <= 0 {
                if n < 0, errno == EINTR { continue }
                break
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
