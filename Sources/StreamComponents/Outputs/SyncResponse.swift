import Bloblang
import StreamRuntime
import Synchronization

/// The contract between an input that answers its requests synchronously (the HTTP server
/// input of the connectors issue) and the `sync_response` output.
///
/// How an input uses it:
/// 1. For each request, `let id = SyncResponse.store.open()` and put the id on every message
///    of the request's batch with `SyncResponse.tag(&message, id: id)`.
/// 2. Send the batch down the pipeline and wait for its acknowledgement.
/// 3. Take what the pipeline stored with `SyncResponse.store.take(id)` (empty when no
///    `sync_response` output or processor saw the batch), and build the reply from it.
///    `take` also forgets the id, so call it on nack and timeout too.
///
/// The id travels in the metadata key `SyncResponse.metadataKey`. Mappings that replace all
/// metadata (`meta = deleted()`) therefore cut the link, as they would cut other metadata.
public enum SyncResponse {
    /// The metadata key holding the request id.
    public static let metadataKey = "_sluice_sync_response_id"

    /// The process-wide response store.
    public static let store = SyncResponseStore()

    /// Puts request `id` on a message.
    public static func tag(_ message: inout Message, id: String) {
        message.metadata[metadataKey] = .string(id)
    }

    /// The request id carried by a message, if any.
    public static func requestID(of message: Message) -> String? {
        guard let value = message.metadata[metadataKey] else { return nil }
        if case .string(let s) = value { return s }
        return value.plainString
    }

    /// Stores `batch` as (part of) the response of the request its first message belongs to.
    /// The stored messages lose the request id.
    /// - Throws: `SyncResponseError` when the batch carries no request id, or the request
    ///   is no longer waiting (already answered or timed out).
    public static func setAsResponse(_ batch: Batch) throws(SyncResponseError) {
        guard let first = batch.first, let id = requestID(of: first) else {
            throw SyncResponseError.noStore
        }
        var cleaned = batch
        for i in cleaned.indices { cleaned[i].metadata.removeValue(forKey: metadataKey) }
        guard store.add(cleaned, to: id) else { throw SyncResponseError.noStore }
    }
}

/// Why a response could not be stored.
public enum SyncResponseError: Error, CustomStringConvertible, Sendable {
    /// The batch belongs to no request that waits for a response.
    case noStore

    public var description: String {
        switch self {
        case .noStore: "result store not found within batch context"
        }
    }
}

/// Responses stored per request id, for every request opened and not yet taken.
public final class SyncResponseStore: Sendable {
    private struct State {
        var nextID: UInt64 = 0
        var responses: [String: [Batch]] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    /// Opens a request and returns its id.
    public func open() -> String {
        state.withLock { s in
            s.nextID += 1
            let id = "req-\(s.nextID)"
            s.responses[id] = []
            return id
        }
    }

    /// Appends a response batch to an open request; false when `id` is not open.
    @discardableResult
    public func add(_ batch: Batch, to id: String) -> Bool {
        state.withLock { s in
            guard s.responses[id] != nil else { return false }
            s.responses[id, default: []].append(batch)
            return true
        }
    }

    /// The response batches stored so far for `id`, leaving the request open.
    public func peek(_ id: String) -> [Batch] {
        state.withLock { $0.responses[id] ?? [] }
    }

    /// The response batches of `id`, closing the request.
    public func take(_ id: String) -> [Batch] {
        state.withLock { $0.responses.removeValue(forKey: id) ?? [] }
    }

    /// The number of requests still open.
    public var openCount: Int { state.withLock { $0.responses.count } }
}
