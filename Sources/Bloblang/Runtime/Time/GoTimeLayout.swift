import Foundation

/// Go's reference-time layouts (`"2006-01-02T15:04:05Z07:00"`), for `ts_format` and
/// `ts_parse`. Formatting and parsing follow Go's `time` package, including its error texts
/// (`parsing time "x" as "2006": cannot parse "x" as "2006"`).
public enum GoTimeLayout {
    // MARK: - Named layouts

    public static let layout = "01/02 03:04:05PM '06 -0700"
    public static let ansiC = "Mon Jan _2 15:04:05 2006"
    public static let unixDate = "Mon Jan _2 15:04:05 MST 2006"
    public static let rubyDate = "Mon Jan 02 15:04:05 -0700 2006"
    public static let rfc822 = "02 Jan 06 15:04 MST"
    public static let rfc822Z = "02 Jan 06 15:04 -0700"
    public static let rfc850 = "Monday, 02-Jan-06 15:04:05 MST"
    public static let rfc1123 = "Mon, 02 Jan 2006 15:04:05 MST"
    public static let rfc1123Z = "Mon, 02 Jan 2006 15:04:05 -0700"
    public static let rfc3339 = "2006-01-02T15:04:05Z07:00"
    public static let rfc3339Nano = "2006-01-02T15:04:05.999999999Z07:00"
    public static let kitchen = "3:04PM"
    public static let stamp = "Jan _2 15:04:05"
    public static let stampMilli = "Jan _2 15:04:05.000"
    public static let stampMicro = "Jan _2 15:04:05.000000"
    public static let stampNano = "Jan _2 15:04:05.000000000"
    public static let dateTime = "2006-01-02 15:04:05"
    public static let dateOnly = "2006-01-02"
    public static let timeOnly = "15:04:05"

    static let longDayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    static let shortDayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let shortMonthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let longMonthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    // MARK: - Layout elements

    /// One element of the reference time found in a layout.
    enum Element: Equatable {
        case longMonth, month, numMonth, zeroMonth
        case longWeekDay, weekDay
        case day, underDay, zeroDay, underYearDay, zeroYearDay
        case hour, hour12, zeroHour12, minute, zeroMinute, second, zeroSecond
        case longYear, year
        case pmUpper, pmLower
        case tz
        case iso8601TZ, iso8601SecondsTZ, iso8601ShortTZ, iso8601ColonTZ, iso8601ColonSecondsTZ
        case numTZ, numSecondsTZ, numShortTZ, numColonTZ, numColonSecondsTZ
        /// `.000` (trailing zeros kept) or `.999` (trailing zeros trimmed), with `digits` places.
        case fraction(digits: Int, trim: Bool, separator: UInt8)

        var isFraction: Bool {
            if case .fraction = self { return true }
            return false
        }
    }

    /// The next element at or after `start`: the literal text before it ends at `prefixEnd`,
    /// and the text after it starts at `next`.
    static func nextChunk(_ l: [UInt8], from start: Int) -> (prefixEnd: Int, element: Element?, next: Int) {
        func has(_ i: Int, _ s: StaticString) -> Bool {
            let n = s.utf8CodeUnitCount
            guard i + n <= l.count else { return false }
            return s.withUTF8Buffer { l[i..<i + n].elementsEqual($0) }
        }
        func lowerAt(_ i: Int) -> Bool { i < l.count && l[i] >= UInt8(ascii: "a") && l[i] <= UInt8(ascii: "z") }
        func digitAt(_ i: Int) -> Bool { i < l.count && l[i] >= UInt8(ascii: "0") && l[i] <= UInt8(ascii: "9") }

        var i = start
        while i < l.count {
            switch l[i] {
            case UInt8(ascii: "J"):
                if has(i, "Jan") {
                    if has(i, "January") { return (i, .longMonth, i + 7) }
                    if !lowerAt(i + 3) { return (i, .month, i + 3) }
                }
            case UInt8(ascii: "M"):
                if has(i, "Mon") {
                    if has(i, "Monday") { return (i, .longWeekDay, i + 6) }
                    if !lowerAt(i + 3) { return (i, .weekDay, i + 3) }
                }
                if has(i, "MST") { return (i, .tz, i + 3) }
            case UInt8(ascii: "0"):
                if i + 1 < l.count, l[i + 1] >= UInt8(ascii: "1"), l[i + 1] <= UInt8(ascii: "6") {
                    let table: [Element] = [.zeroMonth, .zeroDay, .zeroHour12, .zeroMinute, .zeroSecond, .year]
                    return (i, table[Int(l[i + 1] - UInt8(ascii: "1"))], i + 2)
                }
                if has(i, "002") { return (i, .zeroYearDay, i + 3) }
            case UInt8(ascii: "1"):
                if has(i, "15") { return (i, .hour, i + 2) }
                return (i, .numMonth, i + 1)
            case UInt8(ascii: "2"):
                if has(i, "2006") { return (i, .longYear, i + 4) }
                return (i, .day, i + 1)
            case UInt8(ascii: "_"):
                if has(i, "_2") {
                    // "_2006" is a literal underscore followed by the long year.
                    if has(i + 1, "2006") { return (i + 1, .longYear, i + 5) }
                    return (i, .underDay, i + 2)
                }
                if has(i, "__2") { return (i, .underYearDay, i + 3) }
            case UInt8(ascii: "3"):
                return (i, .hour12, i + 1)
            case UInt8(ascii: "4"):
                return (i, .minute, i + 1)
            case UInt8(ascii: "5"):
                return (i, .second, i + 1)
            case UInt8(ascii: "P"):
                if has(i, "PM") { return (i, .pmUpper, i + 2) }
            case UInt8(ascii: "p"):
                if has(i, "pm") { return (i, .pmLower, i + 2) }
            case UInt8(ascii: "-"):
                if has(i, "-070000") { return (i, .numSecondsTZ, i + 7) }
                if has(i, "-07:00:00") { return (i, .numColonSecondsTZ, i + 9) }
                if has(i, "-0700") { return (i, .numTZ, i + 5) }
                if has(i, "-07:00") { return (i, .numColonTZ, i + 6) }
                if has(i, "-07") { return (i, .numShortTZ, i + 3) }
            case UInt8(ascii: "Z"):
                if has(i, "Z070000") { return (i, .iso8601SecondsTZ, i + 7) }
                if has(i, "Z07:00:00") { return (i, .iso8601ColonSecondsTZ, i + 9) }
                if has(i, "Z0700") { return (i, .iso8601TZ, i + 5) }
                if has(i, "Z07:00") { return (i, .iso8601ColonTZ, i + 6) }
                if has(i, "Z07") { return (i, .iso8601ShortTZ, i + 3) }
            case UInt8(ascii: "."), UInt8(ascii: ","):
                if i + 1 < l.count, l[i + 1] == UInt8(ascii: "0") || l[i + 1] == UInt8(ascii: "9") {
                    let ch = l[i + 1]
                    var j = i + 1
                    while j < l.count, l[j] == ch { j += 1 }
                    // Only a fraction if the run of digits ends here.
                    if !digitAt(j) {
                        return (i, .fraction(digits: j - (i + 1), trim: ch == UInt8(ascii: "9"), separator: l[i]), j)
                    }
                }
            default:
                break
            }
            i += 1
        }
        return (l.count, nil, l.count)
    }

    // MARK: - Format

    /// Formats `t` in its own zone with a Go layout.
    public static func format(_ t: Timestamp, layout: String) -> String {
        if layout == rfc3339Nano { return formatRFC3339(t, nanos: true) }
        if layout == rfc3339 { return formatRFC3339(t, nanos: false) }
        let l = Array(layout.utf8)
        let c = t.civil
        var b: [UInt8] = []
        b.reserveCapacity(l.count + 10)
        var i = 0
        while i < l.count {
            let chunk = nextChunk(l, from: i)
            b += l[i..<chunk.prefixEnd]
            guard let element = chunk.element else { break }
            i = chunk.next
            switch element {
            case .year: appendInt(&b, Int64(abs(c.year % 100)), width: 2)
            case .longYear: appendInt(&b, c.year, width: 4)
            case .month: b += shortMonthNames[c.month - 1].utf8
            case .longMonth: b += longMonthNames[c.month - 1].utf8
            case .numMonth: appendInt(&b, Int64(c.month), width: 0)
            case .zeroMonth: appendInt(&b, Int64(c.month), width: 2)
            case .weekDay: b += shortDayNames[c.weekday].utf8
            case .longWeekDay: b += longDayNames[c.weekday].utf8
            case .day: appendInt(&b, Int64(c.day), width: 0)
            case .underDay:
                if c.day < 10 { b.append(UInt8(ascii: " ")) }
                appendInt(&b, Int64(c.day), width: 0)
            case .zeroDay: appendInt(&b, Int64(c.day), width: 2)
            case .underYearDay:
                if c.yearDay < 100 { b.append(UInt8(ascii: " ")) }
                if c.yearDay < 10 { b.append(UInt8(ascii: " ")) }
                appendInt(&b, Int64(c.yearDay), width: 0)
            case .zeroYearDay: appendInt(&b, Int64(c.yearDay), width: 3)
            case .hour: appendInt(&b, Int64(c.hour), width: 2)
            case .hour12: appendInt(&b, Int64(c.hour % 12 == 0 ? 12 : c.hour % 12), width: 0)
            case .zeroHour12: appendInt(&b, Int64(c.hour % 12 == 0 ? 12 : c.hour % 12), width: 2)
            case .minute: appendInt(&b, Int64(c.minute), width: 0)
            case .zeroMinute: appendInt(&b, Int64(c.minute), width: 2)
            case .second: appendInt(&b, Int64(c.second), width: 0)
            case .zeroSecond: appendInt(&b, Int64(c.second), width: 2)
            case .pmUpper: b += (c.hour >= 12 ? "PM" : "AM").utf8
            case .pmLower: b += (c.hour >= 12 ? "pm" : "am").utf8
            case .iso8601TZ, .iso8601ColonTZ, .iso8601SecondsTZ, .iso8601ShortTZ, .iso8601ColonSecondsTZ,
                .numTZ, .numColonTZ, .numSecondsTZ, .numShortTZ, .numColonSecondsTZ:
                appendOffset(&b, c.offset, element)
            case .tz:
                let name = TimeZones.abbreviation(of: t.zone, at: t.seconds)
                if !name.isEmpty {
                    b += name.utf8
                } else {
                    appendOffset(&b, c.offset, .numTZ)
                }
            case .fraction(let digits, let trim, let separator):
                appendFraction(&b, c.nanosecond, digits: digits, trim: trim, separator: separator)
            }
        }
        return String(decoding: b, as: UTF8.self)
    }

    /// The RFC 3339 layouts without scanning the layout, as Go special-cases them.
    static func formatRFC3339(_ t: Timestamp, nanos: Bool) -> String {
        let c = t.civil
        var b: [UInt8] = []
        b.reserveCapacity(36)
        appendInt(&b, c.year, width: 4)
        b.append(UInt8(ascii: "-"))
        appendInt(&b, Int64(c.month), width: 2)
        b.append(UInt8(ascii: "-"))
        appendInt(&b, Int64(c.day), width: 2)
        b.append(UInt8(ascii: "T"))
        appendInt(&b, Int64(c.hour), width: 2)
        b.append(UInt8(ascii: ":"))
        appendInt(&b, Int64(c.minute), width: 2)
        b.append(UInt8(ascii: ":"))
        appendInt(&b, Int64(c.second), width: 2)
        if nanos { appendFraction(&b, c.nanosecond, digits: 9, trim: true, separator: UInt8(ascii: ".")) }
        appendOffset(&b, c.offset, .iso8601ColonTZ)
        return String(decoding: b, as: UTF8.self)
    }

    /// Appends a decimal integer, zero-padded to `width` digits after any sign.
    static func appendInt(_ b: inout [UInt8], _ x: Int64, width: Int) {
        if x < 0 { b.append(UInt8(ascii: "-")) }
        let digits = Array(String(x.magnitude).utf8)
        if digits.count < width { b += repeatElement(UInt8(ascii: "0"), count: width - digits.count) }
        b += digits
    }

    static func appendOffset(_ b: inout [UInt8], _ offset: Int, _ element: Element) {
        let isISO: Bool
        switch element {
        case .iso8601TZ, .iso8601ColonTZ, .iso8601SecondsTZ, .iso8601ShortTZ, .iso8601ColonSecondsTZ: isISO = true
        default: isISO = false
        }
        if offset == 0 && isISO {
            b.append(UInt8(ascii: "Z"))
            return
        }
        var zone = offset / 60
        var absOffset = offset
        if zone < 0 {
            b.append(UInt8(ascii: "-"))
            zone = -zone
            absOffset = -absOffset
        } else {
            b.append(UInt8(ascii: "+"))
        }
        appendInt(&b, Int64(zone / 60), width: 2)
        switch element {
        case .iso8601ColonTZ, .numColonTZ, .iso8601ColonSecondsTZ, .numColonSecondsTZ: b.append(UInt8(ascii: ":"))
        default: break
        }
        switch element {
        case .numShortTZ, .iso8601ShortTZ: break
        default: appendInt(&b, Int64(zone % 60), width: 2)
        }
        switch element {
        case .iso8601SecondsTZ, .numSecondsTZ:
            appendInt(&b, Int64(absOffset % 60), width: 2)
        case .iso8601ColonSecondsTZ, .numColonSecondsTZ:
            b.append(UInt8(ascii: ":"))
            appendInt(&b, Int64(absOffset % 60), width: 2)
        default: break
        }
    }

    static func appendFraction(_ b: inout [UInt8], _ nanos: Int, digits: Int, trim: Bool, separator: UInt8) {
        if trim && (digits == 0 || nanos == 0) { return }
        var frac = [separator]
        appendInt(&frac, Int64(nanos), width: 9)
        if digits < 9 { frac.removeLast(9 - digits) }
        if trim {
            while let last = frac.last, last == UInt8(ascii: "0") { frac.removeLast() }
            if frac.last == separator { frac.removeLast() }
        }
        b += frac
    }

    // MARK: - Parse

    /// Parses `s` with a Go layout. Without zone information in the input the time is in
    /// `defaultZone` (`nil` is UTC); an offset that matches the local zone gives the local zone,
    /// as Go's `time.Parse` does.
    ///
    /// - Throws: Go's `ParseError` text, e.g. `parsing time "x" as "2006": cannot parse "x" as "2006"`.
    public static func parse(_ s: String, layout: String, defaultZone: TimeZone?) throws(RuntimeError) -> Timestamp {
        if layout == rfc3339 || layout == rfc3339Nano, let t = parseRFC3339(Array(s.utf8), local: TimeZones.local) {
            return t
        }
        var parser = LayoutParser(value: Array(s.utf8), layout: Array(layout.utf8))
        return try parser.run(defaultZone: defaultZone, local: TimeZones.local)
    }

    /// Strict RFC 3339, as Go tries before its general parser for the RFC 3339 layouts; `nil`
    /// sends the input to the general parser, which accepts a little more and words the errors.
    static func parseRFC3339(_ s: [UInt8], local: TimeZone?) -> Timestamp? {
        guard s.count >= 19 else { return nil }
        func number(_ range: Range<Int>, _ low: Int, _ high: Int) -> Int? {
            var x = 0
            for c in s[range] {
                guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
                x = x * 10 + Int(c - UInt8(ascii: "0"))
            }
            return (low...high).contains(x) ? x : nil
        }
        guard let year = number(0..<4, 0, 9999), let month = number(5..<7, 1, 12),
            let day = number(8..<10, 1, CivilCalendar.daysIn(month: month, year: Int64(year))),
            let hour = number(11..<13, 0, 23), let minute = number(14..<16, 0, 59), let second = number(17..<19, 0, 59),
            s[4] == UInt8(ascii: "-"), s[7] == UInt8(ascii: "-"), s[10] == UInt8(ascii: "T"),
            s[13] == UInt8(ascii: ":"), s[16] == UInt8(ascii: ":")
        else { return nil }
        var i = 19
        var nsec = 0
        if s.count >= i + 2, s[i] == UInt8(ascii: "."), s[i + 1] >= UInt8(ascii: "0"), s[i + 1] <= UInt8(ascii: "9") {
            var n = i + 1
            var digits = 0
            while n < s.count, s[n] >= UInt8(ascii: "0"), s[n] <= UInt8(ascii: "9") {
                if digits < 9 {
                    nsec = nsec * 10 + Int(s[n] - UInt8(ascii: "0"))
                    digits += 1
                }
                n += 1
            }
            for _ in digits..<9 { nsec *= 10 }
            i = n
        }
        let utc = Timestamp(
            year: Int64(year), month: Int64(month), day: Int64(day), hour: Int64(hour), minute: Int64(minute),
            second: Int64(second), nanosecond: Int64(nsec), zone: nil)
        let rest = s.count - i
        if rest == 1 && s[i] == UInt8(ascii: "Z") { return utc }
        guard rest == 6, let hr = number(i + 1..<i + 3, 0, 23), let mm = number(i + 4..<i + 6, 0, 59),
            s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-"), s[i + 3] == UInt8(ascii: ":")
        else { return nil }
        var offset = (hr * 60 + mm) * 60
        if s[i] == UInt8(ascii: "-") { offset = -offset }
        let t = utc.adding(nanoseconds: -Int64(offset) * 1_000_000_000)
        if CivilCalendar.offset(of: local, at: t.seconds) == offset { return t.in(local) }
        return t.in(TimeZones.fixed(offset: offset))
    }

    /// Quotes a string as Go's `time` package does in errors: bytes outside printable ASCII
    /// become `\xNN`.
    static func quote(_ bytes: some Collection<UInt8>) -> String {
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = [UInt8(ascii: "\"")]
        for c in bytes {
            if c >= 0x80 || c < 0x20 {
                out += [UInt8(ascii: "\\"), UInt8(ascii: "x"), hex[Int(c >> 4)], hex[Int(c & 0xF)]]
            } else {
                if c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") { out.append(UInt8(ascii: "\\")) }
                out.append(c)
            }
        }
        out.append(UInt8(ascii: "\""))
        return String(decoding: out, as: UTF8.self)
    }
}

/// The state of one `GoTimeLayout.parse` call.
private struct LayoutParser {
    typealias Bytes = ArraySlice<UInt8>

    let fullValue: [UInt8]
    let fullLayout: [UInt8]

    init(value: [UInt8], layout: [UInt8]) {
        fullValue = value
        fullLayout = layout
    }

    func cannotParse(_ valueElem: Bytes, as layoutElem: Bytes) -> RuntimeError {
        RuntimeError(
            "parsing time \(GoTimeLayout.quote(fullValue)) as \(GoTimeLayout.quote(fullLayout)): cannot parse \(GoTimeLayout.quote(valueElem)) as \(GoTimeLayout.quote(layoutElem))"
        )
    }

    func failure(_ message: String) -> RuntimeError {
        RuntimeError("parsing time \(GoTimeLayout.quote(fullValue))\(message)")
    }

    mutating func run(defaultZone: TimeZone?, local: TimeZone?) throws(RuntimeError) -> Timestamp {
        var layout = fullLayout[...]
        var value = fullValue[...]
        var rangeError = ""
        var amSet = false
        var pmSet = false
        var year: Int64 = 0
        var month = -1
        var day = -1
        var yday = -1
        var hour = 0
        var minute = 0
        var second = 0
        var nsec = 0
        var isUTC = false
        var zoneOffset = -1
        var zoneName = ""

        while true {
            let layoutArray = Array(layout)
            let chunk = GoTimeLayout.nextChunk(layoutArray, from: 0)
            let prefix = layoutArray[0..<chunk.prefixEnd]
            let stdstr = layoutArray[chunk.prefixEnd..<chunk.next]
            switch Self.skip(value, prefix) {
            case .success(let rest): value = rest
            case .failure(let rest): throw cannotParse(rest, as: prefix)
            }
            guard let element = chunk.element else {
                if !value.isEmpty { throw failure(": extra text: \(GoTimeLayout.quote(value))") }
                break
            }
            layout = layoutArray[chunk.next...]
            let hold = value
            var bad = false

            switch element {
            case .year:
                guard value.count >= 2, let y = Self.atoi(value.prefix(2)) else {
                    bad = true
                    break
                }
                value = value.dropFirst(2)
                year = Int64(y >= 69 ? y + 1900 : y + 2000)
            case .longYear:
                guard value.count >= 4, Self.isDigit(value, 0), let y = Self.atoi(value.prefix(4)) else {
                    bad = true
                    break
                }
                value = value.dropFirst(4)
                year = Int64(y)
            case .month, .longMonth:
                let names = element == .month ? GoTimeLayout.shortMonthNames : GoTimeLayout.longMonthNames
                guard let r = Self.lookup(names, value) else {
                    bad = true
                    break
                }
                month = r.0 + 1
                value = r.1
            case .numMonth, .zeroMonth:
                guard let r = Self.getnum(value, fixed: element == .zeroMonth) else {
                    bad = true
                    break
                }
                month = r.0
                value = r.1
                if month <= 0 || month > 12 { rangeError = "month" }
            case .weekDay, .longWeekDay:
                // The day of the week is checked but otherwise ignored.
                let names = element == .weekDay ? GoTimeLayout.shortDayNames : GoTimeLayout.longDayNames
                guard let r = Self.lookup(names, value) else {
                    bad = true
                    break
                }
                value = r.1
            case .day, .underDay, .zeroDay:
                if element == .underDay, value.first == UInt8(ascii: " ") { value = value.dropFirst() }
                guard let r = Self.getnum(value, fixed: element == .zeroDay) else {
                    bad = true
                    break
                }
                day = r.0
                value = r.1
            case .underYearDay, .zeroYearDay:
                for _ in 0..<2 where element == .underYearDay && value.first == UInt8(ascii: " ") {
                    value = value.dropFirst()
                }
                guard let r = Self.getnum3(value, fixed: element == .zeroYearDay) else {
                    bad = true
                    break
                }
                yday = r.0
                value = r.1
            case .hour:
                guard let r = Self.getnum(value, fixed: false) else {
                    bad = true
                    break
                }
                hour = r.0
                value = r.1
                if hour < 0 || hour >= 24 { rangeError = "hour" }
            case .hour12, .zeroHour12:
                guard let r = Self.getnum(value, fixed: element == .zeroHour12) else {
                    bad = true
                    break
                }
                hour = r.0
                value = r.1
                if hour < 0 || hour > 12 { rangeError = "hour" }
            case .minute, .zeroMinute:
                guard let r = Self.getnum(value, fixed: element == .zeroMinute) else {
                    bad = true
                    break
                }
                minute = r.0
                value = r.1
                if minute < 0 || minute >= 60 { rangeError = "minute" }
            case .second, .zeroSecond:
                guard let r = Self.getnum(value, fixed: element == .zeroSecond) else {
                    bad = true
                    break
                }
                second = r.0
                value = r.1
                if second < 0 || second >= 60 {
                    rangeError = "second"
                    break
                }
                // A fractional second in the input that the layout does not mention.
                if value.count >= 2, Self.isCommaOrPeriod(value.first), Self.isDigit(value, 1) {
                    let next = GoTimeLayout.nextChunk(Array(layout), from: 0).element
                    if let next, next.isFraction { break }
                    var n = 2
                    while n < value.count, Self.isDigit(value, n) { n += 1 }
                    switch Self.parseNanoseconds(value, n) {
                    case .value(let ns): nsec = ns
                    case .range(let r): rangeError = r
                    case .bad: bad = true
                    }
                    value = value.dropFirst(n)
                }
            case .pmUpper, .pmLower:
                guard value.count >= 2 else {
                    bad = true
                    break
                }
                let p = String(decoding: value.prefix(2), as: UTF8.self)
                value = value.dropFirst(2)
                let upper = element == .pmUpper
                if p == (upper ? "PM" : "pm") {
                    pmSet = true
                } else if p == (upper ? "AM" : "am") {
                    amSet = true
                } else {
                    bad = true
                }
            case .iso8601TZ, .iso8601ShortTZ, .iso8601ColonTZ, .iso8601SecondsTZ, .iso8601ColonSecondsTZ,
                .numTZ, .numShortTZ, .numColonTZ, .numSecondsTZ, .numColonSecondsTZ:
                let isISO: Bool
                switch element {
                case .iso8601TZ, .iso8601ShortTZ, .iso8601ColonTZ, .iso8601SecondsTZ, .iso8601ColonSecondsTZ:
                    isISO = true
                default: isISO = false
                }
                if isISO, value.first == UInt8(ascii: "Z") {
                    value = value.dropFirst()
                    isUTC = true
                    break
                }
                guard let parsed = Self.offsetFields(value, element) else {
                    bad = true
                    break
                }
                value = parsed.rest
                // Go reads the fields until one fails, then still range-checks what it read.
                var hr = 0
                var mm = 0
                var ss = 0
                if let h = Self.getnum(parsed.hour, fixed: true)?.0 {
                    hr = h
                    if let m = Self.getnum(parsed.minute, fixed: true)?.0 {
                        mm = m
                        if let s = Self.getnum(parsed.second, fixed: true)?.0 { ss = s } else { bad = true }
                    } else {
                        bad = true
                    }
                } else {
                    bad = true
                }
                // Offsets of 24 hours or 60 minutes are accepted, as people write them.
                if hr > 24 { rangeError = "time zone offset hour" }
                if mm > 60 { rangeError = "time zone offset minute" }
                if ss > 60 { rangeError = "time zone offset second" }
                zoneOffset = (hr * 60 + mm) * 60 + ss
                switch parsed.sign {
                case UInt8(ascii: "+"): break
                case UInt8(ascii: "-"): zoneOffset = -zoneOffset
                default: bad = true
                }
            case .tz:
                if value.starts(with: "UTC".utf8) {
                    isUTC = true
                    value = value.dropFirst(3)
                    break
                }
                guard let n = GoTimeLayout.zoneAbbreviationLength(value) else {
                    bad = true
                    break
                }
                zoneName = String(decoding: value.prefix(n), as: UTF8.self)
                value = value.dropFirst(n)
            case .fraction(let digits, let trim, _):
                if !trim {
                    // `.000` needs exactly as many digits as the layout shows.
                    let ndigit = 1 + digits
                    guard value.count >= ndigit else {
                        bad = true
                        break
                    }
                    switch Self.parseNanoseconds(value, ndigit) {
                    case .value(let ns): nsec = ns
                    case .range(let r): rangeError = r
                    case .bad: bad = true
                    }
                    value = value.dropFirst(ndigit)
                } else {
                    guard value.count >= 2, Self.isCommaOrPeriod(value.first), Self.isDigit(value, 1) else {
                        break  // the fraction is optional
                    }
                    var i = 0
                    while i + 1 < value.count, Self.isDigit(value, i + 1) { i += 1 }
                    switch Self.parseNanoseconds(value, 1 + i) {
                    case .value(let ns): nsec = ns
                    case .range(let r): rangeError = r
                    case .bad: bad = true
                    }
                    value = value.dropFirst(1 + i)
                }
            }
            if !rangeError.isEmpty { throw failure(": \(rangeError) out of range") }
            if bad { throw cannotParse(hold, as: stdstr) }
        }

        if pmSet && hour < 12 {
            hour += 12
        } else if amSet && hour == 12 {
            hour = 0
        }

        // Turn a day of the year into a month and day.
        if yday >= 0 {
            var d = 0
            var m = 0
            if CivilCalendar.isLeap(year) {
                if yday == 31 + 29 {
                    m = 2
                    d = 29
                } else if yday > 31 + 29 {
                    yday -= 1
                }
            }
            if yday < 1 || yday > 365 { throw failure(": day-of-year out of range") }
            if m == 0 {
                m = (yday - 1) / 31 + 1
                if CivilCalendar.daysBefore(month: m + 1) < yday { m += 1 }
                d = yday - CivilCalendar.daysBefore(month: m)
            }
            if month >= 0 && month != m { throw failure(": day-of-year does not match month") }
            month = m
            if day >= 0 && day != d { throw failure(": day-of-year does not match day") }
            day = d
        } else {
            if month < 0 { month = 1 }
            if day < 0 { day = 1 }
        }

        if day < 1 || day > CivilCalendar.daysIn(month: month, year: year) {
            throw failure(": day out of range")
        }

        func make(_ zone: TimeZone?) -> Timestamp {
            Timestamp(
                year: year, month: Int64(month), day: Int64(day), hour: Int64(hour), minute: Int64(minute),
                second: Int64(second), nanosecond: Int64(nsec), zone: zone)
        }

        if isUTC { return make(nil) }

        if zoneOffset != -1 {
            let t = make(nil).adding(nanoseconds: -Int64(zoneOffset) * 1_000_000_000)
            // Use the local zone when it has this offset (and name) at that instant.
            let localOffset = CivilCalendar.offset(of: local, at: t.seconds)
            if localOffset == zoneOffset
                && (zoneName.isEmpty || TimeZones.abbreviation(of: local, at: t.seconds) == zoneName)
            {
                return t.in(local)
            }
            return t.in(TimeZones.fixed(offset: zoneOffset))
        }

        if !zoneName.isEmpty {
            let t = make(nil)
            if let offset = TimeZones.offset(named: zoneName, in: local, at: t.seconds) {
                return t.adding(nanoseconds: -Int64(offset) * 1_000_000_000).in(local)
            }
            // An unknown name gets a zero offset; "GMT+3" gets its hours, keeping the wall clock.
            var offset = 0
            if zoneName.utf8.count > 3, zoneName.hasPrefix("GMT"), let h = Self.atoi(Array(zoneName.utf8.dropFirst(3))[...]) {
                offset = h * 3600
            }
            return t.in(TimeZones.fixed(offset: offset))
        }

        return make(defaultZone)
    }

    // MARK: Helpers mirroring Go's parsing primitives

    enum SkipResult {
        case success(Bytes)
        case failure(Bytes)
    }

    /// Removes the literal `prefix` from `value`, where a run of spaces matches any run of spaces.
    static func skip(_ value: Bytes, _ prefix: ArraySlice<UInt8>) -> SkipResult {
        var value = value
        var prefix = prefix
        let space = UInt8(ascii: " ")
        while let p = prefix.first {
            if p == space {
                if let v = value.first, v != space { return .failure(value) }
                while prefix.first == space { prefix = prefix.dropFirst() }
                while value.first == space { value = value.dropFirst() }
                continue
            }
            guard let v = value.first, v == p else { return .failure(value) }
            prefix = prefix.dropFirst()
            value = value.dropFirst()
        }
        return .success(value)
    }

    static func isDigit(_ s: Bytes, _ i: Int) -> Bool {
        guard i < s.count else { return false }
        let c = s[s.startIndex + i]
        return c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")
    }

    static func isCommaOrPeriod(_ c: UInt8?) -> Bool { c == UInt8(ascii: ".") || c == UInt8(ascii: ",") }

    static func digit(_ s: Bytes, _ i: Int) -> Int { Int(s[s.startIndex + i] - UInt8(ascii: "0")) }

    /// One or two digits (exactly two when `fixed`).
    static func getnum(_ s: Bytes, fixed: Bool) -> (Int, Bytes)? {
        guard isDigit(s, 0) else { return nil }
        guard isDigit(s, 1) else {
            if fixed { return nil }
            return (digit(s, 0), s.dropFirst())
        }
        return (digit(s, 0) * 10 + digit(s, 1), s.dropFirst(2))
    }

    /// One to three digits (exactly three when `fixed`).
    static func getnum3(_ s: Bytes, fixed: Bool) -> (Int, Bytes)? {
        var n = 0
        var i = 0
        while i < 3 && isDigit(s, i) {
            n = n * 10 + digit(s, i)
            i += 1
        }
        if i == 0 || (fixed && i != 3) { return nil }
        return (n, s.dropFirst(i))
    }

    /// A whole string as a signed decimal integer (Go's internal `atoi`).
    static func atoi(_ s: Bytes) -> Int? {
        var s = s
        var negative = false
        if let c = s.first, c == UInt8(ascii: "-") || c == UInt8(ascii: "+") {
            negative = c == UInt8(ascii: "-")
            s = s.dropFirst()
        }
        var x: UInt64 = 0
        var consumed = 0
        for c in s {
            guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { break }
            if x > (1 << 63) / 10 { return nil }
            x = x * 10 + UInt64(c - UInt8(ascii: "0"))
            if x > 1 << 63 { return nil }
            consumed += 1
        }
        guard consumed == s.count, x <= UInt64(Int.max) else { return nil }
        return negative ? -Int(x) : Int(x)
    }

    /// A case-insensitive match of one of `table` at the start of `value`.
    static func lookup(_ table: [String], _ value: Bytes) -> (Int, Bytes)? {
        for (i, name) in table.enumerated() {
            let n = Array(name.utf8)
            guard value.count >= n.count else { continue }
            var matches = true
            for (k, c2) in n.enumerated() {
                var c1 = value[value.startIndex + k]
                var c2 = c2
                if c1 != c2 {
                    c1 |= 0x20
                    c2 |= 0x20
                    if c1 != c2 || c1 < UInt8(ascii: "a") || c1 > UInt8(ascii: "z") {
                        matches = false
                        break
                    }
                }
            }
            if matches { return (i, value.dropFirst(n.count)) }
        }
        return nil
    }

    enum Nanoseconds {
        case value(Int)
        case range(String)
        case bad
    }

    /// The fraction in `value[0..<nbytes]` (separator included) as nanoseconds; digits past
    /// the ninth are ignored.
    static func parseNanoseconds(_ value: Bytes, _ nbytes: Int) -> Nanoseconds {
        guard isCommaOrPeriod(value.first) else { return .bad }
        let n = min(nbytes, 10)
        guard var ns = atoi(value.dropFirst().prefix(n - 1)) else { return .bad }
        if ns < 0 { return .range("fractional second") }
        for _ in 0..<(10 - n) { ns *= 10 }
        return .value(ns)
    }

    /// Splits a numeric zone offset into its sign and fields for the given layout element.
    static func offsetFields(
        _ value: Bytes, _ element: GoTimeLayout.Element
    )
        -> (sign: UInt8, hour: Bytes, minute: Bytes, second: Bytes, rest: Bytes)?
    {
        let v = Array(value)
        let zero: Bytes = Array("00".utf8)[...]
        switch element {
        case .iso8601ColonTZ, .numColonTZ:
            guard v.count >= 6, v[3] == UInt8(ascii: ":") else { return nil }
            return (v[0], v[1..<3], v[4..<6], zero, value.dropFirst(6))
        case .numShortTZ, .iso8601ShortTZ:
            guard v.count >= 3 else { return nil }
            return (v[0], v[1..<3], zero, zero, value.dropFirst(3))
        case .iso8601ColonSecondsTZ, .numColonSecondsTZ:
            guard v.count >= 9, v[3] == UInt8(ascii: ":"), v[6] == UInt8(ascii: ":") else { return nil }
            return (v[0], v[1..<3], v[4..<6], v[7..<9], value.dropFirst(9))
        case .iso8601SecondsTZ, .numSecondsTZ:
            guard v.count >= 7 else { return nil }
            return (v[0], v[1..<3], v[3..<5], v[5..<7], value.dropFirst(7))
        default:
            guard v.count >= 5 else { return nil }
            return (v[0], v[1..<3], v[3..<5], zero, value.dropFirst(5))
        }
    }

}

extension GoTimeLayout {
    /// The length of a zone abbreviation at the start of `value`, by Go's heuristics: three
    /// upper-case letters, or four or five ending in T, plus a few special cases.
    static func zoneAbbreviationLength(_ value: ArraySlice<UInt8>) -> Int? {
        guard value.count >= 3 else { return nil }
        if value.starts(with: "ChST".utf8) || value.starts(with: "MeST".utf8) { return 4 }
        if value.starts(with: "GMT".utf8) {
            let rest = value.dropFirst(3)
            if rest.isEmpty { return 3 }
            return 3 + parseSignedOffset(rest)
        }
        if let c = value.first, c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
            let n = parseSignedOffset(value)
            return n > 0 ? n : nil
        }
        var nUpper = 0
        while nUpper < 6, nUpper < value.count {
            let c = value[value.startIndex + nUpper]
            if c < UInt8(ascii: "A") || c > UInt8(ascii: "Z") { break }
            nUpper += 1
        }
        let v = Array(value.prefix(5))
        switch nUpper {
        case 5: return v[4] == UInt8(ascii: "T") ? 5 : nil
        case 4: return v[3] == UInt8(ascii: "T") || v.starts(with: "WITA".utf8) ? 4 : nil
        case 3: return 3
        default: return nil
        }
    }

    /// The length of a signed hour offset in -23...+23 ("+03"), or 0.
    static func parseSignedOffset(_ value: ArraySlice<UInt8>) -> Int {
        guard let sign = value.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return 0 }
        var x: UInt64 = 0
        var n = 0
        for c in value.dropFirst() {
            guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { break }
            if x > (1 << 63) / 10 { return 0 }
            x = x * 10 + UInt64(c - UInt8(ascii: "0"))
            if x > 1 << 63 { return 0 }
            n += 1
        }
        if n == 0 || x > 23 { return 0 }
        return 1 + n
    }
}
