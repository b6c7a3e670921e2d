import Foundation

/// Time zones looked up with Go's rules.
///
/// Foundation does the offset arithmetic, but on Linux it names zones "GMT-5" where Go says
/// "EST", so zone abbreviations come from the system tz database files, which is where Go
/// reads them too.
public enum TimeZones {
    /// The folder of the system tz database.
    static let zoneinfoRoot = "/usr/share/zoneinfo/"

    /// The zone Go calls `Local`, chosen as Go does: `TZ` unset means `/etc/localtime`, `TZ`
    /// empty or "UTC" means UTC (`nil`), otherwise the zone `TZ` names.
    public static let local: TimeZone? = {
        guard let raw = ProcessInfo.processInfo.environment["TZ"] else { return TimeZone.current }
        let name = raw.hasPrefix(":") ? String(raw.dropFirst()) : raw
        if name.isEmpty || name == "UTC" { return nil }
        if name.hasPrefix("/") {
            return name == "/etc/localtime" ? TimeZone.current : nil
        }
        return TimeZone(identifier: name)
    }()

    /// Loads a zone by name as Go's `time.LoadLocation` does: "" and "UTC" give UTC (`nil`),
    /// "Local" the process zone, anything else an IANA name such as "America/New_York".
    ///
    /// - Throws: `unknown time zone <name>` or `time: invalid location name`.
    public static func load(_ name: String) throws(RuntimeError) -> TimeZone? {
        if name.isEmpty || name == "UTC" { return nil }
        if name == "Local" { return local }
        if name.contains("..") || name.hasPrefix("/") || name.hasPrefix("\\") {
            throw RuntimeError("time: invalid location name")
        }
        let path = zoneinfoRoot + name
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
            let zone = TimeZone(identifier: name)
        {
            return zone
        }
        throw RuntimeError("unknown time zone \(name)")
    }

    /// The abbreviation Go prints for `zone` at an instant ("UTC", "EST", "+03"), or "" for a
    /// zone that only has an offset (Go then prints the offset instead).
    public static func abbreviation(of zone: TimeZone?, at unixSeconds: Int64) -> String {
        guard let zone else { return "UTC" }
        if isFixedOffset(zone) { return "" }
        if let info = ZoneInfoCache.shared.info(for: zone.identifier) {
            return info.abbreviation(at: unixSeconds, isDST: zone.isDaylightSavingTime(for: date(unixSeconds)))
        }
        return zone.abbreviation(for: date(unixSeconds)) ?? ""
    }

    /// The offset that the zone abbreviation `name` has in `zone` around an instant, as Go's
    /// `Location.lookupName` finds it, or `nil` if the zone never uses that name.
    public static func offset(named name: String, in zone: TimeZone?, at unixSeconds: Int64) -> Int? {
        guard let zone, !isFixedOffset(zone), let info = ZoneInfoCache.shared.info(for: zone.identifier) else {
            return nil
        }
        // Prefer a type with this name that is in force at the instant it would give.
        for type in info.types where type.name == name {
            let at = unixSeconds &- Int64(type.offset)
            if abbreviation(of: zone, at: at) == name { return CivilCalendar.offset(of: zone, at: at) }
        }
        return info.types.first { $0.name == name }?.offset
    }

    /// A zone with a fixed offset from UTC (`nil` for a zero offset, which prints as UTC).
    public static func fixed(offset: Int) -> TimeZone? {
        offset == 0 ? nil : TimeZone(secondsFromGMT: offset)
    }

    /// True for zones made by `TimeZone(secondsFromGMT:)`, which Foundation names "GMT+0100".
    static func isFixedOffset(_ zone: TimeZone) -> Bool {
        let id = zone.identifier.utf8
        guard id.count == 8, id.starts(with: "GMT".utf8) else { return false }
        let sign = id[id.index(id.startIndex, offsetBy: 3)]
        return sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-")
    }

    static func date(_ unixSeconds: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(unixSeconds)) }
}

// MARK: - TZif files

/// The parts of a TZif file (RFC 8536) needed for zone abbreviations.
struct ZoneInfo: Sendable {
    struct LocalType: Sendable {
        var offset: Int
        var isDST: Bool
        var name: String
    }

    var types: [LocalType]
    var transitionTimes: [Int64]
    var transitionTypes: [Int]
    /// The standard and daylight names of the POSIX TZ footer, for times after the table.
    var footerNames: (std: String, dst: String?)?

    /// The name in force at an instant; `isDST` (from Foundation) picks the footer name past
    /// the end of the transition table.
    func abbreviation(at unix: Int64, isDST: Bool) -> String {
        guard !types.isEmpty else { return "" }
        guard let first = transitionTimes.first, unix >= first else { return types[firstType()].name }
        // Binary search for the last transition at or before `unix`.
        var lo = 0
        var hi = transitionTimes.count
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if transitionTimes[mid] <= unix { lo = mid } else { hi = mid }
        }
        if lo == transitionTimes.count - 1, let footer = footerNames {
            return isDST ? (footer.dst ?? footer.std) : footer.std
        }
        let index = transitionTypes[lo]
        return index < types.count ? types[index].name : ""
    }

    /// The type used before the first transition, chosen as Go's `lookupFirstZone` does.
    func firstType() -> Int {
        guard transitionTypes.contains(0) else { return 0 }
        if let t0 = transitionTypes.first, t0 < types.count, types[t0].isDST {
            var zi = t0 - 1
            while zi >= 0 {
                if !types[zi].isDST { return zi }
                zi -= 1
            }
        }
        return types.firstIndex { !$0.isDST } ?? 0
    }

    /// Parses a TZif file, preferring the 64-bit section of version 2 and later files.
    init?(data bytes: [UInt8]) {
        var reader = ByteReader(bytes: bytes)
        guard let header = reader.header() else { return nil }
        var counts = header.counts
        var timeSize = 4
        if header.version >= 2 {
            // Skip the 32-bit block and read the second header.
            guard reader.skip(counts.dataSize(timeSize: 4)), let second = reader.header() else { return nil }
            counts = second.counts
            timeSize = 8
        }
        var times: [Int64] = []
        for _ in 0..<counts.time {
            guard let t = reader.int(size: timeSize) else { return nil }
            times.append(t)
        }
        var indices: [Int] = []
        for _ in 0..<counts.time {
            guard let i = reader.byte() else { return nil }
            indices.append(Int(i))
        }
        var raw: [(Int, Bool, Int)] = []
        for _ in 0..<counts.type {
            guard let off = reader.int(size: 4), let dst = reader.byte(), let idx = reader.byte() else { return nil }
            raw.append((Int(off), dst != 0, Int(idx)))
        }
        guard let charSlice = reader.take(counts.char) else { return nil }
        let chars = Array(charSlice)
        types = raw.map { off, dst, idx in
            var end = idx
            while end < chars.count, chars[end] != 0 { end += 1 }
            let name = idx < chars.count ? String(decoding: chars[idx..<end], as: UTF8.self) : ""
            return LocalType(offset: off, isDST: dst, name: name)
        }
        transitionTimes = times
        transitionTypes = indices
        footerNames = nil
        if header.version >= 2, reader.skip(counts.leap * (timeSize + 4) + counts.isStd + counts.isUT) {
            let rest = reader.remaining()
            if rest.first == UInt8(ascii: "\n"), let end = rest.dropFirst().firstIndex(of: UInt8(ascii: "\n")) {
                footerNames = ZoneInfo.footerNames(Array(rest[rest.startIndex + 1..<end]))
            }
        }
    }

    /// The zone names of a POSIX TZ string such as `EST5EDT,M3.2.0,M11.1.0` or `<+03>-3`.
    static func footerNames(_ tz: [UInt8]) -> (std: String, dst: String?)? {
        var i = 0
        func name() -> String? {
            if i < tz.count, tz[i] == UInt8(ascii: "<") {
                guard let close = tz[i...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
                let s = String(decoding: tz[(i + 1)..<close], as: UTF8.self)
                i = close + 1
                return s
            }
            let start = i
            while i < tz.count, (tz[i] | 0x20) >= UInt8(ascii: "a"), (tz[i] | 0x20) <= UInt8(ascii: "z") { i += 1 }
            return i > start ? String(decoding: tz[start..<i], as: UTF8.self) : nil
        }
        guard let std = name() else { return nil }
        while i < tz.count,
            tz[i] == UInt8(ascii: "+") || tz[i] == UInt8(ascii: "-") || tz[i] == UInt8(ascii: ":")
                || (tz[i] >= UInt8(ascii: "0") && tz[i] <= UInt8(ascii: "9"))
        {
            i += 1
        }
        return (std, name())
    }
}

/// A cursor over the bytes of a TZif file.
private struct ByteReader {
    struct Counts {
        var isUT, isStd, leap, time, type, char: Int
        func dataSize(timeSize: Int) -> Int {
            time * timeSize + time + type * 6 + char + leap * (timeSize + 4) + isStd + isUT
        }
    }

    let bytes: [UInt8]
    var position = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func header() -> (version: Int, counts: Counts)? {
        guard let magic = take(4), magic.elementsEqual("TZif".utf8), let v = byte(), skip(15) else { return nil }
        var c: [Int] = []
        for _ in 0..<6 {
            guard let n = int(size: 4), n >= 0, n < 1 << 20 else { return nil }
            c.append(Int(n))
        }
        let version = v == 0 ? 1 : Int(v) - Int(UInt8(ascii: "0"))
        return (version, Counts(isUT: c[0], isStd: c[1], leap: c[2], time: c[3], type: c[4], char: c[5]))
    }

    mutating func take(_ n: Int) -> ArraySlice<UInt8>? {
        guard n >= 0, position + n <= bytes.count else { return nil }
        defer { position += n }
        return bytes[position..<position + n]
    }

    mutating func skip(_ n: Int) -> Bool { take(n) != nil }

    mutating func byte() -> UInt8? { take(1)?.first }

    /// A big-endian signed integer of 4 or 8 bytes.
    mutating func int(size: Int) -> Int64? {
        guard let raw = take(size) else { return nil }
        var u: UInt64 = 0
        for b in raw { u = u << 8 | UInt64(b) }
        if size == 4 { return Int64(Int32(bitPattern: UInt32(truncatingIfNeeded: u))) }
        return Int64(bitPattern: u)
    }

    func remaining() -> ArraySlice<UInt8> { bytes[min(position, bytes.count)...] }
}

/// Parsed tz database files by zone identifier, read once per process.
final class ZoneInfoCache: @unchecked Sendable {
    static let shared = ZoneInfoCache()

    private let lock = NSLock()
    private var entries: [String: ZoneInfo?] = [:]

    func info(for identifier: String) -> ZoneInfo? {
        lock.lock()
        defer { lock.unlock() }
        if let cached = entries[identifier] { return cached }
        var loaded: ZoneInfo?
        if !identifier.contains(".."),
            let data = FileManager.default.contents(atPath: TimeZones.zoneinfoRoot + identifier)
        {
            loaded = ZoneInfo(data: [UInt8](data))
        }
        entries[identifier] = .some(loaded)
        return loaded
    }
}
