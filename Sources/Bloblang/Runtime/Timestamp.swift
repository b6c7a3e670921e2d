import Foundation

/// A point in time with nanosecond precision and the UTC offset it is shown in.
///
/// Go's `time.Time` keeps its location; Benthos prints a parsed timestamp in the offset
/// it was parsed with, so the offset (and the zone name when known) travel with the value.
public struct Timestamp: Sendable, Hashable {
    /// Whole seconds since the Unix epoch (UTC).
    public var seconds: Int64
    /// Nanoseconds within the second, `0..<1_000_000_000`.
    public var nanos: Int32
    /// The time zone used to display the time. `nil` means UTC.
    public var zone: TimeZone?

    /// Creates a timestamp, normalising nanoseconds into `0..<1_000_000_000`.
    public init(seconds: Int64, nanos: Int64 = 0, zone: TimeZone? = nil) {
        var s = seconds
        var n = nanos
        s += n / 1_000_000_000
        n %= 1_000_000_000
        if n < 0 {
            n += 1_000_000_000
            s -= 1
        }
        self.seconds = s
        self.nanos = Int32(n)
        self.zone = zone
    }

    /// Creates a timestamp from nanoseconds since the Unix epoch.
    public init(unixNanos: Int64, zone: TimeZone? = nil) {
        self.init(seconds: 0, nanos: unixNanos, zone: zone)
    }

    /// The current time in UTC.
    public static func now() -> Timestamp {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Timestamp(seconds: Int64(ts.tv_sec), nanos: Int64(ts.tv_nsec))
    }

    /// Nanoseconds since the Unix epoch (wraps outside ±292 years, as Go's does).
    public var unixNanos: Int64 { seconds &* 1_000_000_000 &+ Int64(nanos) }

    /// The offset from UTC in seconds at this instant for `zone`.
    public var utcOffset: Int {
        guard let zone else { return 0 }
        return zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// The same instant shown in another zone.
    public func `in`(_ zone: TimeZone?) -> Timestamp {
        var copy = self
        copy.zone = zone
        return copy
    }

    /// Equality of instants, ignoring the display zone.
    public static func == (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.seconds == rhs.seconds && lhs.nanos == rhs.nanos
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(seconds)
        hasher.combine(nanos)
    }
}

extension Timestamp: Comparable {
    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        (lhs.seconds, lhs.nanos) < (rhs.seconds, rhs.nanos)
    }
}
