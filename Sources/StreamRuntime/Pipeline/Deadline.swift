/// Thrown by `withDeadline` when the work did not finish in time.
public struct DeadlineExceeded: Error, CustomStringConvertible, Sendable {
    public let seconds: Double
    public var description: String { "timed out after \(DurationText.format(seconds))" }
}

/// Runs `work`, cancelling it and throwing `DeadlineExceeded` when it takes longer than
/// `seconds` (no limit when `seconds` is not positive). The work must react to cancellation.
public func withDeadline<T: Sendable>(
    seconds: Double, _ work: @escaping @Sendable () async throws -> T
) async throws -> T {
    guard seconds > 0 else { return try await work() }
    return try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await work() }
        group.addTask {
            try await Task.sleep(for: .nanoseconds(Int64(seconds * 1e9)))
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else {
            throw DeadlineExceeded(seconds: seconds)
        }
        return value
    }
}

/// Short human text for a number of seconds, Go style (`5s`, `1.5s`, `250ms`).
public enum DurationText {
    public static func format(_ seconds: Double) -> String {
        if seconds < 1 { return "\(Int((seconds * 1000).rounded()))ms" }
        if seconds == seconds.rounded() { return "\(Int(seconds))s" }
        return "\(seconds)s"
    }
}
