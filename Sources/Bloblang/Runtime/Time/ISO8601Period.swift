/// An ISO 8601 period such as "P1Y2M3DT4H5M6.5S", with the parsing rules and arithmetic of
/// the Go library Benthos uses (`rickb777/period`): a leading sign is allowed, weeks may be
/// mixed with other fields, only the last non-zero field may have a fraction, and years and
/// months are added on the calendar when they are whole.
public struct ISO8601Period: Sendable, Equatable {
    /// A decimal number `coefficient / 10^scale` with at most 19 significant digits.
    public struct Decimal: Sendable, Equatable {
        public var magnitude: UInt64
        public var negative: Bool
        public var scale: Int

        public static let zero = Decimal(magnitude: 0, negative: false, scale: 0)

        var isZero: Bool { magnitude == 0 }
        /// True only for a plain `0` (no decimal places), as the library's equality test has it.
        var isExactZero: Bool { magnitude == 0 && scale == 0 }
        var negated: Decimal { magnitude == 0 ? self : Decimal(magnitude: magnitude, negative: !negative, scale: scale) }

        /// The value multiplied by `factor` and divided by 10 once per decimal place, in
        /// integer arithmetic that wraps as Go's does.
        func scaled(by factor: Int64) -> Int64 {
            if magnitude == 0 { return 0 }
            var f = factor
            for _ in 0..<scale { f /= 10 }
            let signed = negative ? 0 &- Int64(truncatingIfNeeded: magnitude) : Int64(truncatingIfNeeded: magnitude)
            return signed &* f
        }

        /// The integer part (the library only asks for it when `scale` is 0).
        var integerPart: Int64 {
            var m = magnitude
            for _ in 0..<scale { m /= 10 }
            let v = Int64(truncatingIfNeeded: m)
            return negative ? 0 &- v : v
        }
    }

    public var years = Decimal.zero
    public var months = Decimal.zero
    public var weeks = Decimal.zero
    public var days = Decimal.zero
    public var hours = Decimal.zero
    public var minutes = Decimal.zero
    public var seconds = Decimal.zero

    public init() {}

    // MARK: - Parsing

    enum Designator: Int {
        case second = 1, minute, hour, day, week, month, year

        var letter: Character {
            switch self {
            case .second: "S"
            case .minute: "M"
            case .hour: "H"
            case .day: "D"
            case .week: "W"
            case .month: "M"
            case .year: "Y"
            }
        }
    }

    /// Parses an ISO 8601 period.
    ///
    /// - Throws: the library's messages, e.g. `P3S: 'S' designator cannot occur here` or
    ///   `x: expected 'P' period mark at the start`.
    public static func parse(_ text: String) throws(RuntimeError) -> ISO8601Period {
        let blank = RuntimeError("cannot parse a blank string as a period")
        var rest = Array(text.utf8)[...]
        guard let first = rest.first else { throw blank }
        var negative = false
        if first == UInt8(ascii: "-") {
            negative = true
            rest = rest.dropFirst()
        } else if first == UInt8(ascii: "+") {
            rest = rest.dropFirst()
        }
        let body = String(decoding: rest, as: UTF8.self)
        if ["P0Y", "P0M", "P0W", "P0D", "PT0H", "PT0M", "PT0S"].contains(body) { return ISO8601Period() }
        if rest.isEmpty { throw blank }
        func fail(_ message: String) -> RuntimeError { RuntimeError("\(text): \(message)") }
        guard rest.first == UInt8(ascii: "P") else { throw fail("expected 'P' period mark at the start") }
        rest = rest.dropFirst()

        var p = ISO8601Period()
        var seen: Set<Designator> = []
        var haveFraction = false
        var previous = Designator.second
        var isHMS = false
        var components = 0
        while let c = rest.first {
            if c == UInt8(ascii: "T") {
                if isHMS { throw fail("'T' designator cannot occur more than once") }
                isHMS = true
                rest = rest.dropFirst()
                continue
            }
            let (number, designator, remaining) = try nextField(rest, fail: fail, isHMS: isHMS)
            rest = remaining
            if haveFraction && !number.isZero {
                throw fail("'\(previous.letter)' & '\(designator.letter)' only the last field can have a fraction")
            }
            let allowed: Bool
            switch designator {
            case .year, .month, .week, .day: allowed = !isHMS
            case .hour, .minute, .second: allowed = isHMS
            }
            if !allowed { throw fail("'\(designator.letter)' designator cannot occur here") }
            if seen.contains(designator) { throw fail("'\(designator.letter)' designator cannot occur more than once") }
            seen.insert(designator)
            p[designator] = negative ? number.negated : number
            components += 1
            if number.scale > 0 {
                haveFraction = true
                previous = designator
            }
        }
        if components == 0 { throw fail("expected 'Y', 'M', 'W', 'D', 'H', 'M', or 'S' designator") }
        return p
    }

    subscript(_ d: Designator) -> Decimal {
        get {
            switch d {
            case .year: years
            case .month: months
            case .week: weeks
            case .day: days
            case .hour: hours
            case .minute: minutes
            case .second: seconds
            }
        }
        set {
            switch d {
            case .year: years = newValue
            case .month: months = newValue
            case .week: weeks = newValue
            case .day: days = newValue
            case .hour: hours = newValue
            case .minute: minutes = newValue
            case .second: seconds = newValue
            }
        }
    }

    /// Reads a number (digits, one leading minus, '.' or ',' as the point) and its designator.
    static func nextField(
        _ s: ArraySlice<UInt8>, fail: (String) -> RuntimeError, isHMS: Bool
    ) throws(RuntimeError) -> (Decimal, Designator, ArraySlice<UInt8>) {
        var number: [UInt8] = []
        var index: Int?
        for (i, c) in s.enumerated() {
            if i == 0 && c == UInt8(ascii: "-") {
                number.append(c)
            } else if c == UInt8(ascii: ".") || c == UInt8(ascii: ",") {
                number.append(UInt8(ascii: "."))
            } else if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                number.append(c)
            } else if !number.isEmpty {
                index = i
                break
            } else {
                throw fail("expected a number but found '\(Character(Unicode.Scalar(c)))'")
            }
        }
        guard let index else { throw fail("missing designator at the end") }
        guard let value = parseDecimal(number) else { throw fail("number invalid or out of range") }
        let letter = s[s.startIndex + index]
        let designator: Designator
        switch letter {
        case UInt8(ascii: "S"): designator = .second
        case UInt8(ascii: "H"): designator = .hour
        case UInt8(ascii: "D"): designator = .day
        case UInt8(ascii: "W"): designator = .week
        case UInt8(ascii: "Y"): designator = .year
        case UInt8(ascii: "M"): designator = isHMS ? .minute : .month
        default:
            throw fail("expected a designator Y, M, W, D, H, or S not '\(Character(Unicode.Scalar(letter)))'")
        }
        return (value, designator, s.dropFirst(index + 1))
    }

    /// Parses `[-]digits[.digits]`, rounding half to even beyond 19 significant digits; `nil`
    /// when the text is malformed or the integer part has more than 19 digits.
    static func parseDecimal(_ text: [UInt8]) -> Decimal? {
        var s = text[...]
        var negative = false
        if s.first == UInt8(ascii: "-") {
            negative = true
            s = s.dropFirst()
        }
        var digits: [UInt8] = []
        var scale = 0
        var seenPoint = false
        for c in s {
            if c == UInt8(ascii: ".") {
                if seenPoint { return nil }
                seenPoint = true
            } else {
                digits.append(c - UInt8(ascii: "0"))
                if seenPoint { scale += 1 }
            }
        }
        if digits.isEmpty { return nil }
        while digits.count > 1, digits.first == 0 { digits.removeFirst() }
        if digits == [0] { return Decimal(magnitude: 0, negative: false, scale: min(scale, 19)) }
        let maxPrecision = 19
        if digits.count - scale > maxPrecision { return nil }
        var drop = 0
        if scale >= digits.count && scale > maxPrecision {
            drop = scale - maxPrecision
        } else if digits.count > scale && digits.count > maxPrecision {
            drop = digits.count - maxPrecision
        }
        if drop > 0 {
            let kept = Array(digits.prefix(max(0, digits.count - drop)))
            let removed = Array(digits.suffix(min(drop, digits.count)))
            var magnitude: UInt64 = 0
            for d in kept { magnitude = magnitude &* 10 &+ UInt64(d) }
            // Half to even on the removed digits.
            let firstRemoved = removed.count == drop ? removed.first ?? 0 : 0
            let restNonZero = removed.dropFirst().contains { $0 != 0 }
            if firstRemoved > 5 || (firstRemoved == 5 && (restNonZero || magnitude % 2 == 1)) { magnitude += 1 }
            scale -= drop
            if magnitude > 9_999_999_999_999_999_999 {
                magnitude /= 10
                scale -= 1
            }
            return Decimal(magnitude: magnitude, negative: negative, scale: scale)
        }
        var magnitude: UInt64 = 0
        for d in digits { magnitude = magnitude * 10 + UInt64(d) }
        return Decimal(magnitude: magnitude, negative: negative, scale: scale)
    }

    // MARK: - Arithmetic

    /// The same period pointing the other way.
    public var negated: ISO8601Period {
        var p = self
        for d in [Designator.year, .month, .week, .day, .hour, .minute, .second] { p[d] = p[d].negated }
        return p
    }

    /// The length in nanoseconds, counting a year as 365.2425 days, a month as a twelfth of
    /// that and a day as 24 hours (the library's `DurationApprox`).
    public var durationApprox: Int64 {
        let daysPerYearE6: Int64 = 365_242_500
        let daysE9 =
            days.scaled(by: 1_000_000_000) &+ weeks.scaled(by: 7_000_000_000)
            &+ months.scaled(by: daysPerYearE6 / 12 * 1000) &+ years.scaled(by: daysPerYearE6 * 1000)
        return daysE9 &* 86_400 &+ clockNanoseconds
    }

    /// Hours, minutes and seconds in nanoseconds.
    var clockNanoseconds: Int64 {
        hours.scaled(by: GoDuration.hour) &+ minutes.scaled(by: GoDuration.minute)
            &+ seconds.scaled(by: GoDuration.second)
    }

    /// Adds the period to a timestamp: whole years, months, weeks and days move the calendar
    /// date in the timestamp's zone, then the clock part is added; a period with fractional
    /// calendar fields is added as its approximate duration.
    public func add(to t: Timestamp) -> Timestamp {
        let calendar = [years, months, weeks, days]
        let zeroCalendar = calendar.allSatisfy(\.isExactZero)
        let wholeCalendar = calendar.allSatisfy { $0.scale == 0 }
        if !zeroCalendar && wholeCalendar {
            return t.addingDate(
                years: years.integerPart, months: months.integerPart,
                days: weeks.integerPart &* 7 &+ days.integerPart
            ).adding(nanoseconds: clockNanoseconds)
        }
        return t.adding(nanoseconds: durationApprox)
    }
}
