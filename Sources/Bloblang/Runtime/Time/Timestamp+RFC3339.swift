import Foundation

extension Timestamp {
    /// The timestamp in Go's RFC 3339 layout with nanoseconds (trailing zeros of the fraction
    /// removed, "Z" for a zero offset), as Benthos prints timestamps.
    public var rfc3339Nano: String {
        GoTimeLayout.format(self, layout: GoTimeLayout.rfc3339Nano)
    }

    /// Parses an RFC 3339 timestamp as Go's `time.Parse(time.RFC3339Nano, s)` does, keeping
    /// the offset it was written with. Returns `nil` if the text does not parse.
    public init?(rfc3339 s: String) {
        guard let t = try? Timestamp.parseRFC3339(s) else { return nil }
        self = t
    }

    /// Parses an RFC 3339 timestamp, throwing Go's error text on failure
    /// (`parsing time "x" as "2006-01-02T15:04:05.999999999Z07:00": cannot parse "x" as "2006"`).
    public static func parseRFC3339(_ s: String) throws(RuntimeError) -> Timestamp {
        try GoTimeLayout.parse(s, layout: GoTimeLayout.rfc3339Nano, defaultZone: nil)
    }

    /// The current time in the local zone, as Go's `time.Now()`.
    public static func nowLocal() -> Timestamp { now().in(TimeZones.local) }

    /// Whole seconds since the Unix epoch.
    public var unixSeconds: Int64 { seconds }

    /// Milliseconds since the Unix epoch (Go's `UnixMilli`, wrapping outside its range).
    public var unixMillis: Int64 { seconds &* 1000 &+ Int64(nanos) / 1_000_000 }

    /// Microseconds since the Unix epoch (Go's `UnixMicro`).
    public var unixMicros: Int64 { seconds &* 1_000_000 &+ Int64(nanos) / 1000 }
}
