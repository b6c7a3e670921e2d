import Foundation

/// The calendar and clock fields of an instant as shown in a time zone, in the proleptic
/// Gregorian calendar that Go's `time` package uses.
public struct CivilTime: Sendable, Equatable {
    public var year: Int64
    /// 1...12
    public var month: Int
    /// 1...31
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    public var nanosecond: Int
    /// 0 = Sunday ... 6 = Saturday.
    public var weekday: Int
    /// 1...366
    public var yearDay: Int
    /// Seconds east of UTC.
    public var offset: Int
}

/// Calendar arithmetic shared by the layout, strftime and period code.
///
/// All of it works on `Int64` with wrapping operations where a hostile input could overflow:
/// Go's `time` package wraps in the same places, and a mapping must never trap.
public enum CivilCalendar {
    static let secondsPerDay: Int64 = 86_400

    /// True for Gregorian leap years.
    public static func isLeap(_ year: Int64) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// The number of days in `month` (1...12) of `year`.
    public static func daysIn(month: Int, year: Int64) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days before the first of `month` (1...13) in a non-leap year.
    static func daysBefore(month: Int) -> Int {
        let table = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365]
        return table[max(0, min(12, month - 1))]
    }

    /// Days since 1970-01-01 of a date whose month is already in 1...12.
    public static func days(year: Int64, month: Int, day: Int64) -> Int64 {
        // Shift the year to start in March so that the leap day comes last.
        let y = month <= 2 ? year &- 1 : year
        let era = (y >= 0 ? y : y &- 399) / 400
        let yoe = y &- era &* 400
        let mp = Int64((month + 9) % 12)
        let doy = (153 * mp + 2) / 5
        let doe = yoe &* 365 &+ yoe / 4 &- yoe / 100 &+ doy
        return era &* 146_097 &+ doe &- 719_468 &+ (day &- 1)
    }

    /// The date of a day counted from 1970-01-01.
    public static func date(days z0: Int64) -> (year: Int64, month: Int, day: Int) {
        let z = z0 &+ 719_468
        let era = (z >= 0 ? z : z &- 146_096) / 146_097
        let doe = z &- era &* 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = Int(doy - (153 * mp + 2) / 5 + 1)
        let m = Int(mp < 10 ? mp + 3 : mp - 9)
        let y = yoe &+ era &* 400 &+ (m <= 2 ? 1 : 0)
        return (y, m, d)
    }

    /// Splits `lo` into `base`-sized carries added to `hi`, as Go's `norm` does.
    static func norm(_ hi: Int64, _ lo: Int64, _ base: Int64) -> (Int64, Int64) {
        var hi = hi
        var lo = lo
        if lo < 0 {
            let n = (-(lo &+ 1)) / base &+ 1
            hi = hi &- n
            lo = lo &+ n &* base
        }
        if lo >= base {
            let n = lo / base
            hi = hi &+ n
            lo = lo &- n &* base
        }
        return (hi, lo)
    }

    /// The offset of `zone` from UTC at `unixSeconds` (`nil` is UTC).
    public static func offset(of zone: TimeZone?, at unixSeconds: Int64) -> Int {
        guard let zone else { return 0 }
        return zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(unixSeconds)))
    }
}

extension Timestamp {
    /// The calendar fields of this instant in its own zone.
    public var civil: CivilTime { civil(in: zone) }

    /// The calendar fields of this instant as seen in `zone`.
    public func civil(in zone: TimeZone?) -> CivilTime {
        let offset = CivilCalendar.offset(of: zone, at: seconds)
        let local = seconds &+ Int64(offset)
        let (days, secs) = CivilCalendar.norm(0, local, CivilCalendar.secondsPerDay)
        let (y, m, d) = CivilCalendar.date(days: days)
        let weekday = Int(((days % 7) + 7 + 4) % 7)  // 1970-01-01 was a Thursday
        let yday = Int(days &- CivilCalendar.days(year: y, month: 1, day: 1)) + 1
        return CivilTime(
            year: y, month: m, day: d, hour: Int(secs / 3600), minute: Int(secs / 60 % 60), second: Int(secs % 60),
            nanosecond: Int(nanos), weekday: weekday, yearDay: yday, offset: offset)
    }

    /// The instant with the given wall-clock fields in `zone`, normalising out-of-range
    /// fields the way Go's `time.Date` does (October 32 is November 1).
    ///
    /// Wall-clock times that a daylight-saving change skips or repeats resolve as Go does.
    public init(
        year: Int64, month: Int64, day: Int64, hour: Int64 = 0, minute: Int64 = 0, second: Int64 = 0,
        nanosecond: Int64 = 0, zone: TimeZone?
    ) {
        let (y, mm) = CivilCalendar.norm(year, month &- 1, 12)
        let (s0, nsec) = CivilCalendar.norm(second, nanosecond, 1_000_000_000)
        var sec = s0
        var min: Int64
        (min, sec) = CivilCalendar.norm(minute, sec, 60)
        var hr: Int64
        (hr, min) = CivilCalendar.norm(hour, min, 60)
        var d: Int64
        (d, hr) = CivilCalendar.norm(day, hr, 24)
        let days = CivilCalendar.days(year: y, month: Int(mm) + 1, day: d)
        var unix = days &* CivilCalendar.secondsPerDay &+ hr &* 3600 &+ min &* 60 &+ sec
        if zone != nil {
            // Guess with the offset at the wall-clock value, then correct with the offset in
            // force at the guessed instant.
            let guess = CivilCalendar.offset(of: zone, at: unix)
            let corrected = CivilCalendar.offset(of: zone, at: unix &- Int64(guess))
            unix = unix &- Int64(corrected)
        }
        self.init(seconds: unix, nanos: nsec, zone: zone)
    }

    /// Adds years, months and days to the wall-clock date, keeping the clock, as Go's
    /// `Time.AddDate` does (January 31 plus one month is March 3 or 2).
    public func addingDate(years: Int64, months: Int64, days: Int64) -> Timestamp {
        let c = civil
        return Timestamp(
            year: c.year &+ years, month: Int64(c.month) &+ months, day: Int64(c.day) &+ days, hour: Int64(c.hour),
            minute: Int64(c.minute), second: Int64(c.second), nanosecond: Int64(c.nanosecond), zone: zone)
    }

    /// This instant moved by a signed number of nanoseconds.
    public func adding(nanoseconds d: Int64) -> Timestamp {
        var s = seconds &+ d / 1_000_000_000
        var n = Int64(nanos) &+ d % 1_000_000_000
        if n >= 1_000_000_000 {
            s = s &+ 1
            n -= 1_000_000_000
        } else if n < 0 {
            s = s &- 1
            n += 1_000_000_000
        }
        var t = self
        t.seconds = s
        t.nanos = Int32(n)
        return t
    }

    /// The signed nanoseconds from `other` to this instant, saturating at the limits of a Go
    /// `Duration` as `Time.Sub` does.
    public func nanoseconds(since other: Timestamp) -> Int64 {
        let (ds, o1) = seconds.subtractingReportingOverflow(other.seconds)
        let dn = Int64(nanos) - Int64(other.nanos)
        if !o1 {
            let (scaled, o2) = ds.multipliedReportingOverflow(by: 1_000_000_000)
            if !o2 {
                let (total, o3) = scaled.addingReportingOverflow(dn)
                if !o3 { return total }
            }
        }
        return self < other ? Int64.min : Int64.max
    }

    /// Rounds to the nearest multiple of `d` nanoseconds counted from January 1 of year 1,
    /// halves rounding up, as Go's `Time.Round` does. A non-positive `d` returns the time unchanged.
    public func rounded(toMultipleOf d: Int64) -> Timestamp {
        guard d > 0 else { return self }
        let r = remainder(dividingBy: d)
        if UInt64(r) &+ UInt64(r) < UInt64(d) {
            return adding(nanoseconds: -r)
        }
        return adding(nanoseconds: d - r)
    }

    /// Seconds from January 1 of year 1 to the Unix epoch, Go's "absolute" time base.
    static let unixToInternal: Int64 = 62_135_596_800

    /// The remainder of the time since January 1 of year 1 divided by `d`, in `0..<d`.
    func remainder(dividingBy d: Int64) -> Int64 {
        let sec = seconds &+ Timestamp.unixToInternal
        let negative = sec < 0
        let magnitudeSec = sec.magnitude
        var nsec = UInt64(nanos)
        var secs = magnitudeSec
        if negative {
            // Work with the magnitude of the instant, then mirror the remainder.
            if nsec > 0 {
                secs -= 1
                nsec = 1_000_000_000 - nsec
            }
        }
        // (secs * 1e9 + nsec) mod d in 128-bit arithmetic.
        let product = secs.multipliedFullWidth(by: 1_000_000_000)
        let (low, carry) = product.low.addingReportingOverflow(nsec)
        let high = product.high &+ (carry ? 1 : 0)
        let ud = UInt64(d)
        let r: UInt64
        if high >= ud {
            // Reduce the high word first so that the division cannot overflow.
            let hr = high % ud
            r = ud.dividingFullWidth((hr, low)).remainder
        } else {
            r = ud.dividingFullWidth((high, low)).remainder
        }
        if negative && r != 0 { return Int64(ud - r) }
        return Int64(r)
    }
}
