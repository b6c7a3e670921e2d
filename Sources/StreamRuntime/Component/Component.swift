/// How an input learns what happened to a batch it produced.
public enum AckResult: Sendable {
    /// Every message was written by the output.
    case ack
    /// The batch was not written (or was rejected); the input should redeliver or give up.
    case nack(String)
}

/// Called once per batch read from an input, after the output's write finished or failed.
public typealias AckHandler = @Sendable (AckResult) async -> Void

/// Errors an input reports from `read()`.
public enum InputError: Error, Sendable, Equatable {
    /// The input has no more messages; the pipeline drains and stops.
    case endOfInput
    /// The connection was lost; the pipeline calls `connect()` again (with backoff).
    case notConnected(String)
}

/// A source of batches: `connect`, then `read` until end of input, then `close`.
public protocol Input: Sendable {
    func connect() async throws
    /// The next batch and the function to call once it has been written or failed.
    func read() async throws -> (Batch, AckHandler)
    func close() async
}

/// An input that can hand over, in one call, batches it already holds (lines of a chunk of
/// `stdin` that was read at once). Each is still its own batch with its own acknowledgement;
/// the pipeline saves a round of its reading machinery per batch.
public protocol BulkInput: Input {
    /// Waits for a batch as `read` does, then adds those that are ready without waiting:
    /// between 1 and `max` batches.
    func readAvailable(max: Int) async throws -> [(Batch, AckHandler)]
}

/// Maps one batch to zero or more batches. Processors do not throw: a failure marks the
/// messages with an error (`error()`), as Benthos does, and an empty result filters.
public protocol Processor: Sendable {
    func process(_ batch: Batch) async -> [Batch]
    func close() async
}

extension Processor {
    public func close() async {}
}

/// A destination: `write` returns only once the batch is stored (or throws).
public protocol Output: Sendable {
    func connect() async throws
    func write(_ batch: Batch) async throws
    func close() async
}

/// An output that stores a byte stream, for which writing several batches at once costs about
/// as much as writing one (one system call for all: `stdout`). The pipeline encodes each batch
/// as soon as it is processed (while the message is still in the cache, and so that its memory
/// is freed at once) and, when input is already waiting and processing is quick, writes the
/// bytes of a few batches in one call.
public protocol CoalescingOutput: Output {
    /// Appends the bytes that writing `batch` would store to `buffer`.
    func encode(_ batch: Batch, into buffer: inout [UInt8])
    /// Stores bytes made by `encode` (of one or more batches, in order) as one operation: it
    /// returns once all are stored and throws when they were not (none is then counted as
    /// written).
    func write(encoded bytes: [UInt8]) async throws
}

/// A built component of any kind.
public enum Component: Sendable {
    case input(any Input)
    case processor(any Processor)
    case output(any Output)
}
