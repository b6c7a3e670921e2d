import Foundation

/// A cron expression as the `generate` input accepts it (the dialect of Go's robfig/cron with
/// optional seconds): `[second] minute hour day-of-month month day-of-week`, the descriptors
/// `@yearly`, `@annually`, `@monthly`, `@weekly`, `@daily`, `@midnight` and `@hourly`, and an
/// optional `TZ=<zone>` prefix (UTC otherwise).
struct CronSchedule: Sendable {
    /// Allowed values per field, as bit sets.
    var seconds: UInt64
    var minutes: UInt64
    var hours: UInt64
    var daysOfMonth: UInt64
    var months: UInt64
    var daysOfWeek: UInt64
    /// True when day-of-month or day-of-week was `*`/`?`: then both must match, else either.
    var dayStar: Bool
    var timeZone: TimeZone

    struct ParseError: Error, CustomStringConvertible {
        var description: String
    }

    private struct Bounds {
        var min: Int
        var max: Int
        var names: [String: Int] = [:]
    }

    private static let secondBounds = Bounds(min: 0, max: 59)
    private static let minuteBounds = Bounds(min: 0, max: 59)
    private static let hourBounds = Bounds(min: 0, max: 23)
    private static let domBounds = Bounds(min: 1, max: 31)
    private static let monthBounds = Bounds(
        min: 1, max: 12,
        names: [
            "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
            "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
        ])
    private static let dowBounds = Bounds(
        min: 0, max: 6,
        names: [
            "sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6,
        ])

    /// Parses an expression.
    /// - Throws: `ParseError` naming the problem.
    static func parse(_ text: String) throws(ParseError) -> CronSchedule {
        var spec = text.trimmingCharacters(in: .whitespaces)
        var zone = TimeZone(identifier: "UTC") ?? TimeZone.current
        for prefix in ["TZ=", "CRON_TZ="] where spec.hasPrefix(prefix) {
            guard let space = spec.firstIndex(of: " ") else {
                throw ParseError(description: "provided bad location \(spec.dropFirst(prefix.count)): unknown time zone")
            }
            let name = String(spec[spec.index(spec.startIndex, offsetBy: prefix.count)..<space])
            guard let z = TimeZone(identifier: name) else {
                throw ParseError(description: "provided bad location \(name): unknown time zone \(name)")
            }
            zone = z
            spec = spec[space...].trimmingCharacters(in: .whitespaces)
        }
        if spec.hasPrefix("@") {
            let expanded: String
            switch spec {
            case "@yearly", "@annually": expanded = "0 0 0 1 1 *"
            case "@monthly": expanded = "0 0 0 1 * *"
            case "@weekly": expanded = "0 0 0 * * 0"
            case "@daily", "@midnight": expanded = "0 0 0 * * *"
            case "@hourly": expanded = "0 0 * * * *"
            default: throw ParseError(description: "unrecognized descriptor: \(spec)")
            }
            spec = expanded
        }
        var fields = spec.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        if fields.count == 5 { fields.insert("0", at: 0) }
        guard fields.count == 6 else {
            throw ParseError(description: "expected 5 to 6 fields, found \(fields.count): \(fields)")
        }
        let (dom, domStar) = try parseField(fields[3], domBounds)
        let (dow, dowStar) = try parseField(fields[5], dowBounds)
        return CronSchedule(
            seconds: try parseField(fields[0], secondBounds).0,
            minutes: try parseField(fields[1], minuteBounds).0,
            hours: try parseField(fields[2], hourBounds).0,
            daysOfMonth: dom,
            months: try parseField(fields[4], monthBounds).0,
            daysOfWeek: dow,
            dayStar: domStar || dowStar,
            timeZone: zone)
    }

    private static func parseField(_ field: String, _ b: Bounds) throws(ParseError) -> (UInt64, Bool) {
        var bits: UInt64 = 0
        var star = false
        for part in field.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: "/", omittingEmptySubsequences: false)
            guard pieces.count <= 2 else { throw ParseError(description: "too many slashes: \(part)") }
            let range = pieces[0]
            var low: Int, high: Int
            if range == "*" || range == "?" {
                low = b.min
                high = b.max
                if pieces.count == 1 { star = true }
            } else {
                let ends = range.split(separator: "-", omittingEmptySubsequences: false)
                guard ends.count <= 2 else { throw ParseError(description: "too many hyphens: \(part)") }
                low = try value(String(ends[0]), b)
                high = ends.count == 2 ? try value(String(ends[1]), b) : low
                if ends.count == 1, pieces.count == 2 { high = b.max }
            }
            var step = 1
            if pieces.count == 2 {
                guard let s = Int(pieces[1]), s > 0 else {
                    throw ParseError(description: "failed to parse int from \(pieces[1])")
                }
                step = s
            }
            guard low >= b.min else {
                throw ParseError(description: "beginning of range (\(low)) below minimum (\(b.min)): \(part)")
            }
            guard high <= b.max else { throw ParseError(description: "end of range (\(high)) above maximum (\(b.max)): \(part)") }
            guard low <= high else {
                throw ParseError(description: "beginning of range (\(low)) beyond end of range (\(high)): \(part)")
            }
            var v = low
            while v <= high {
                bits |= 1 << UInt64(v)
                v += step
            }
        }
        return (bits, star)
    }

    private static func value(_ text: String, _ b: Bounds) throws(ParseError) -> Int {
        if let named = b.names[text.lowercased()] { return named }
        guard let n = Int(text), n >= 0 else { throw ParseError(description: "failed to parse int from \(text)") }
        return n
    }

    private func has(_ set: UInt64, _ v: Int) -> Bool { set & (1 << UInt64(v)) != 0 }

    /// The first activation strictly after `date`, or nil if none within five years.
    func next(after date: Date) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let start = Date(timeIntervalSince1970: floor(date.timeIntervalSince1970) + 1)
        var c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: start)
        guard let limitYear = c.year.map({ $0 + 5 }) else { return nil }

        func make() -> Date? { calendar.date(from: c) }
        func normalise() {
            if let d = make() { c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: d) }
        }
        while (c.year ?? limitYear) < limitYear {
            guard let month = c.month, let day = c.day, let hour = c.hour, let minute = c.minute, let second = c.second else {
                return nil
            }
            if !has(months, month) {
                c.month = month + 1; c.day = 1; c.hour = 0; c.minute = 0; c.second = 0
                normalise()
                continue
            }
            if !dayMatches(calendar, c) {
                c.day = day + 1; c.hour = 0; c.minute = 0; c.second = 0
                normalise()
                continue
            }
            if !has(hours, hour) {
                c.hour = hour + 1; c.minute = 0; c.second = 0
                normalise()
                continue
            }
            if !has(minutes, minute) {
                c.minute = minute + 1; c.second = 0
                normalise()
                continue
            }
            if !has(seconds, second) {
                c.second = second + 1
                normalise()
                continue
            }
            return make()
        }
        return nil
    }

    private func dayMatches(_ calendar: Calendar, _ c: DateComponents) -> Bool {
        guard let day = c.day, let date = calendar.date(from: c) else { return false }
        let weekday = calendar.component(.weekday, from: date) - 1
        let domMatch = has(daysOfMonth, day)
        let dowMatch = has(daysOfWeek, weekday)
        return dayStar ? (domMatch && dowMatch) : (domMatch || dowMatch)
    }
}
