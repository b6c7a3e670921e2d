import Foundation

/// strftime/strptime formats (`%Y-%m-%d %H:%M:%S`), with the directives, flags and error
/// texts of the Go library Benthos uses (`itchyny/timefmt-go`).
///
/// Formatting supports the flags `-` (no padding), `_` (spaces), `0` (zeros), `^` (upper
/// case), `#` (swap case) and a field width, plus `%f` for microseconds and `%:z`, `%::z`,
/// `%:::z` for offsets with colons. Parsing defaults to 1900-01-01 00:00:00 UTC.
public enum Strftime {
    static let longMonthNames = GoTimeLayout.longMonthNames
    static let shortMonthNames = GoTimeLayout.shortMonthNames
    static let longWeekNames = GoTimeLayout.longDayNames
    static let shortWeekNames = GoTimeLayout.shortDayNames

    // Padding is kept as the library keeps it: the low seven bits hold the pad character and
    // the high bit marks a pad chosen with a flag (0x80 alone means "no padding").
    static let noPadding: UInt8 = 0x80
    static let paddingMask: UInt8 = 0x7F

    // MARK: - Format

    /// Formats `t` in its own zone.
    public static func format(_ t: Timestamp, _ format: String) -> String {
        let f = Array(format.utf8)
        let c = t.civil
        var buf: [UInt8] = []
        buf.reserveCapacity(64)
        var width = 0
        var colons = 0
        var padding: UInt8 = UInt8(ascii: "0")
        var pending: [UInt8] = []
        var upper = false
        var swap = false
        var i = 0

        func appendLast(_ upTo: Int, _ width: Int, _ padding: UInt8) {
            if let p = f[..<upTo].lastIndex(of: UInt8(ascii: "%")) {
                appendString(&buf, f[p..<upTo], width: width, padding: padding, upper: false, swap: false)
            }
        }

        while i < f.count {
            let ch = f[i]
            guard ch == UInt8(ascii: "%") else {
                buf.append(ch)
                i += 1
                continue
            }
            i += 1
            if i == f.count {
                buf.append(UInt8(ascii: "%"))
                break
            }
            var b = f[i]
            width = 0
            padding = UInt8(ascii: "0")
            upper = false
            swap = false
            // Each pass handles one directive character; flags and pending composite
            // directives loop back with the next character.
            directive: while true {
                switch b {
                case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "^"), UInt8(ascii: "#"), UInt8(ascii: "0"):
                    if b == UInt8(ascii: "-") && !pending.isEmpty {
                        buf.append(b)
                        break
                    }
                    i += 1
                    if i == f.count {
                        appendLast(f.count, width, padding)
                        return String(decoding: buf, as: UTF8.self)
                    }
                    switch b {
                    case UInt8(ascii: "-"): padding = noPadding
                    case UInt8(ascii: "_"): padding = UInt8(ascii: " ") | noPadding
                    case UInt8(ascii: "^"): upper = true
                    case UInt8(ascii: "#"): swap = true
                    default: padding = UInt8(ascii: "0") | noPadding
                    }
                    b = f[i]
                    continue directive
                case UInt8(ascii: "1")...UInt8(ascii: "9"):
                    width = Int(b & 0x0F)
                    i += 1
                    while i < f.count, f[i] >= UInt8(ascii: "0"), f[i] <= UInt8(ascii: "9") {
                        width = min(width * 10 + Int(f[i] & 0x0F), 1024)
                        i += 1
                    }
                    if padding == noPadding { padding = UInt8(ascii: " ") | noPadding }
                    if i == f.count {
                        appendLast(f.count, width, padding)
                        return String(decoding: buf, as: UTF8.self)
                    }
                    b = f[i]
                    continue directive
                case UInt8(ascii: "Y"):
                    appendInt(&buf, c.year, width: width == 0 ? 4 : width, padding: padding)
                case UInt8(ascii: "y"):
                    appendInt(&buf, abs(c.year % 100), width: max(width, 2), padding: padding)
                case UInt8(ascii: "C"):
                    var century = c.year / 100
                    let negativeZero = c.year < 0 && century == 0
                    if negativeZero { century = -1 }
                    appendInt(&buf, century, width: max(width, 2), padding: padding)
                    if negativeZero { buf[buf.count - 1] = UInt8(ascii: "0") }
                case UInt8(ascii: "g"):
                    appendInt(&buf, abs(isoWeek(c).year % 100), width: max(width, 2), padding: padding)
                case UInt8(ascii: "G"):
                    appendInt(&buf, isoWeek(c).year, width: width == 0 ? 4 : width, padding: padding)
                case UInt8(ascii: "m"):
                    appendInt(&buf, Int64(c.month), width: max(width, 2), padding: padding)
                case UInt8(ascii: "B"):
                    appendString(&buf, longMonthNames[c.month - 1].utf8, width: width, padding: padding, upper: upper, swap: swap)
                case UInt8(ascii: "b"), UInt8(ascii: "h"):
                    appendString(
                        &buf, shortMonthNames[c.month - 1].utf8, width: width, padding: padding, upper: upper, swap: swap)
                case UInt8(ascii: "A"):
                    appendString(&buf, longWeekNames[c.weekday].utf8, width: width, padding: padding, upper: upper, swap: swap)
                case UInt8(ascii: "a"):
                    appendString(&buf, shortWeekNames[c.weekday].utf8, width: width, padding: padding, upper: upper, swap: swap)
                case UInt8(ascii: "w"):
                    appendInt(&buf, Int64(c.weekday), width: width, padding: padding)
                case UInt8(ascii: "u"):
                    appendInt(&buf, Int64(c.weekday == 0 ? 7 : c.weekday), width: width, padding: padding)
                case UInt8(ascii: "V"):
                    appendInt(&buf, Int64(isoWeek(c).week), width: max(width, 2), padding: padding)
                case UInt8(ascii: "U"):
                    appendInt(&buf, Int64((c.yearDay + 6 - c.weekday) / 7), width: max(width, 2), padding: padding)
                case UInt8(ascii: "W"):
                    var week = c.yearDay
                    if c.weekday > 0 { week -= c.weekday - 7 }
                    appendInt(&buf, Int64(week / 7), width: max(width, 2), padding: padding)
                case UInt8(ascii: "e"), UInt8(ascii: "d"):
                    if b == UInt8(ascii: "e") && padding < noPadding { padding = UInt8(ascii: " ") }
                    appendInt(&buf, Int64(c.day), width: max(width, 2), padding: padding)
                case UInt8(ascii: "j"):
                    appendInt(&buf, Int64(c.yearDay), width: max(width, 3), padding: padding)
                case UInt8(ascii: "k"), UInt8(ascii: "H"):
                    if b == UInt8(ascii: "k") && padding < noPadding { padding = UInt8(ascii: " ") }
                    appendInt(&buf, Int64(c.hour), width: max(width, 2), padding: padding)
                case UInt8(ascii: "l"), UInt8(ascii: "I"):
                    if b == UInt8(ascii: "l") && padding < noPadding { padding = UInt8(ascii: " ") }
                    appendInt(&buf, Int64(c.hour % 12 == 0 ? 12 : c.hour % 12), width: max(width, 2), padding: padding)
                case UInt8(ascii: "P"), UInt8(ascii: "p"):
                    if b == UInt8(ascii: "P") { swap = !(upper || swap) }
                    appendString(&buf, (c.hour < 12 ? "AM" : "PM").utf8, width: width, padding: padding, upper: upper, swap: swap)
                case UInt8(ascii: "M"):
                    appendInt(&buf, Int64(c.minute), width: max(width, 2), padding: padding)
                case UInt8(ascii: "S"):
                    appendInt(&buf, Int64(c.second), width: max(width, 2), padding: padding)
                case UInt8(ascii: "s"):
                    if padding < noPadding { padding = UInt8(ascii: " ") }
                    appendInt64(&buf, t.seconds, width: width, padding: padding)
                case UInt8(ascii: "f"):
                    appendInt(&buf, Int64(c.nanosecond / 1000), width: width == 0 ? 6 : width, padding: padding)
                case UInt8(ascii: "Z"), UInt8(ascii: "z"):
                    let name = TimeZones.abbreviation(of: t.zone, at: t.seconds)
                    if b == UInt8(ascii: "Z") && !name.isEmpty {
                        appendString(&buf, name.utf8, width: width, padding: padding, upper: upper, swap: swap)
                        break
                    }
                    appendZoneOffset(&buf, c.offset, width: width, padding: padding, colons: colons)
                    colons = 0
                case UInt8(ascii: ":"):
                    if !pending.isEmpty {
                        buf.append(b)
                        break
                    }
                    colons = 1
                    var found = false
                    i += 1
                    while i < f.count {
                        if f[i] == UInt8(ascii: ":") {
                            colons += 1
                        } else if f[i] == UInt8(ascii: "z") {
                            if colons > 3 {
                                i += 1
                                break
                            }
                            found = true
                            break
                        } else {
                            break
                        }
                        i += 1
                    }
                    if found {
                        b = UInt8(ascii: "z")
                        continue directive
                    }
                    appendLast(i, width, padding)
                    i -= 1
                    colons = 0
                case UInt8(ascii: "t"):
                    appendString(&buf, "\t".utf8, width: width, padding: padding, upper: false, swap: false)
                case UInt8(ascii: "n"):
                    appendString(&buf, "\n".utf8, width: width, padding: padding, upper: false, swap: false)
                case UInt8(ascii: "%"):
                    appendString(&buf, "%".utf8, width: width, padding: padding, upper: false, swap: false)
                case UInt8(ascii: "c"):
                    pending = Array("a b e H:M:S Y".utf8)
                    swap = false
                case UInt8(ascii: "+"):
                    pending = Array("a b e H:M:S Z Y".utf8)
                    swap = false
                case UInt8(ascii: "v"):
                    pending = Array("e-b-Y".utf8)
                    swap = false
                case UInt8(ascii: "r"):
                    pending = Array("I:M:S p".utf8)
                    swap = false
                case UInt8(ascii: "F"): pending = Array("Y-m-d".utf8)
                case UInt8(ascii: "D"), UInt8(ascii: "x"): pending = Array("m/d/y".utf8)
                case UInt8(ascii: "T"), UInt8(ascii: "X"): pending = Array("H:M:S".utf8)
                case UInt8(ascii: "R"): pending = Array("H:M".utf8)
                default:
                    if pending.isEmpty { appendLast(i, width - 1, padding) }
                    buf.append(b)
                }
                if !pending.isEmpty {
                    b = pending.removeFirst()
                    width = 0
                    padding = UInt8(ascii: "0")
                    continue directive
                }
                break directive
            }
            i += 1
        }
        return String(decoding: buf, as: UTF8.self)
    }

    /// The ISO 8601 week-numbering year and week of a date.
    static func isoWeek(_ c: CivilTime) -> (year: Int64, week: Int) {
        // Move to the Thursday of the same Monday-based week; its year is the ISO year.
        var shift = 4 - c.weekday
        if shift == 4 { shift = -3 }
        let days = CivilCalendar.days(year: c.year, month: c.month, day: Int64(c.day)) + Int64(shift)
        let (y, _, _) = CivilCalendar.date(days: days)
        let yday = Int(days - CivilCalendar.days(year: y, month: 1, day: 1))
        return (y, yday / 7 + 1)
    }

    static func appendInt(_ buf: inout [UInt8], _ num: Int64, width: Int, padding: UInt8) {
        if num < 0 || num >= 10000 {
            appendInt64(&buf, num, width: width, padding: padding)
            return
        }
        let digits = Array(String(num).utf8)
        if padding != noPadding {
            let pad = padding & paddingMask
            if width > digits.count { buf += repeatElement(pad, count: width - digits.count) }
        }
        buf += digits
    }

    static func appendInt64(_ buf: inout [UInt8], _ num: Int64, width: Int, padding: UInt8) {
        let digits = Array(String(num).utf8)
        if padding == noPadding {
            buf += digits
            return
        }
        let pad = padding & paddingMask
        let padCount = max(0, width - digits.count)
        // The library pads first and then moves a minus sign in front of zero padding.
        if pad == UInt8(ascii: "0"), padCount > 0, num < 0 {
            buf.append(UInt8(ascii: "-"))
            buf += repeatElement(pad, count: padCount - 1)
            buf.append(UInt8(ascii: "0"))
            buf += digits.dropFirst()
            return
        }
        buf += repeatElement(pad, count: padCount)
        buf += digits
    }

    static func appendString(
        _ buf: inout [UInt8], _ str: some Collection<UInt8>, width: Int, padding: UInt8, upper: Bool, swap: Bool
    ) {
        if width > str.count && padding != noPadding {
            let pad = padding < noPadding ? UInt8(ascii: " ") : padding & paddingMask
            buf += repeatElement(pad, count: width - str.count)
        }
        let secondIsUpper = str.count > 1 && str[str.index(after: str.startIndex)] < UInt8(ascii: "a")
        if swap && secondIsUpper {
            buf += str.map { $0 | 0x20 }
        } else if swap || upper {
            buf += str.map { $0 & 0x5F }
        } else {
            buf += str
        }
    }

    /// `%z` and its colon forms, padded as the library pads them.
    static func appendZoneOffset(_ buf: inout [UInt8], _ offset: Int, width: Int, padding: UInt8, colons: Int) {
        var out: [UInt8] = []
        let i = 0
        if padding != noPadding, width > 1 {
            out += repeatElement(padding & paddingMask, count: width - 1)
        }
        let j = out.count
        var offset = offset
        if offset < 0 {
            out.append(UInt8(ascii: "-"))
            offset = -offset
        } else {
            out.append(UInt8(ascii: "+"))
        }
        let k = out.count
        appendInt(&out, Int64(offset / 3600), width: 2, padding: padding)
        if out[k] == UInt8(ascii: " ") { out.swapAt(k - 1, k) }
        offset %= 3600
        if colons <= 2 || offset != 0 {
            if colons != 0 { out.append(UInt8(ascii: ":")) }
            appendInt(&out, Int64(offset / 60), width: 2, padding: UInt8(ascii: "0"))
            offset %= 60
            if colons == 2 || (colons == 3 && offset != 0) {
                out.append(UInt8(ascii: ":"))
                appendInt(&out, Int64(offset), width: 2, padding: UInt8(ascii: "0"))
            }
        }
        let extra = min(out.count - j - 1, j - i)
        if extra > 0 {
            out.removeSubrange((j - extra)..<j)
            if padding & paddingMask == UInt8(ascii: "0") { out.swapAt(i, j - extra) }
        }
        buf += out
    }
}

// MARK: - Parse

extension Strftime {
    /// Parses `source` with a strptime format. Fields left out default to 1900-01-01
    /// 00:00:00 in UTC; `%z` and `%Z` set the zone.
    ///
    /// - Throws: `failed to parse "<source>" with "<format>": <reason>`.
    public static func parse(_ source: String, format: String) throws(RuntimeError) -> Timestamp {
        var parser = StrptimeParser(source: Array(source.utf8), format: Array(format.utf8))
        do {
            return try parser.run(local: TimeZones.local)
        } catch {
            throw RuntimeError("failed to parse \(GoStrconv.quote(source)) with \(GoStrconv.quote(format)): \(error.message)")
        }
    }
}

/// The state of one `Strftime.parse` call.
private struct StrptimeParser {
    let source: [UInt8]
    let format: [UInt8]

    static func cannotParse(_ b: UInt8) -> RuntimeError { RuntimeError("cannot parse \"%\(Character(Unicode.Scalar(b)))\"") }

    /// Go's `%q` of a byte, as in `expected 'I'`.
    static func expected(_ b: UInt8) -> RuntimeError {
        let text: String
        switch b {
        case UInt8(ascii: "'"): text = "'\\''"
        case UInt8(ascii: "\\"): text = "'\\\\'"
        case 0x20..<0x7F: text = "'\(Character(Unicode.Scalar(b)))'"
        case 0x07: text = "'\\a'"
        case 0x08: text = "'\\b'"
        case 0x0C: text = "'\\f'"
        case 0x0A: text = "'\\n'"
        case 0x0D: text = "'\\r'"
        case 0x09: text = "'\\t'"
        case 0x0B: text = "'\\v'"
        case 0x00..<0x20, 0x7F: text = "'\\x" + String(b, radix: 16).leftPadded(to: 2) + "'"
        default: text = "'\(Character(Unicode.Scalar(b)))'"
        }
        return RuntimeError("expected \(text)")
    }

    static func zFormatError(_ colons: Int) -> RuntimeError {
        RuntimeError("cannot parse \"%" + String(repeating: ":", count: max(0, min(3, colons))) + "z\"")
    }

    static func expectedColon(_ colons: Int) -> RuntimeError {
        RuntimeError("expected ':' for \"%" + String(repeating: ":", count: max(0, min(3, colons))) + "z\"")
    }

    /// Digits at `index`, at most `size` of them, within `min...max`.
    func parseInt(
        _ index: Int, _ size: Int, _ minimum: Int, _ maximum: Int, _ directive: UInt8
    ) throws(RuntimeError)
        -> (Int, Int)
    {
        var value = 0
        var i = index
        let end = min(index + size, source.count)
        while i < end, source[i] >= UInt8(ascii: "0"), source[i] <= UInt8(ascii: "9") {
            value = value * 10 + Int(source[i] - UInt8(ascii: "0"))
            i += 1
        }
        if i == index || value < minimum || value > maximum { throw Self.cannotParse(directive) }
        return (value, i)
    }

    /// The 1-based index of the candidate matching (case-insensitively) at `index`.
    func parseAny(_ index: Int, _ candidates: [String], _ directive: UInt8) throws(RuntimeError) -> (Int, Int) {
        for (n, candidate) in candidates.enumerated() {
            var j = index
            var ok = true
            for x in candidate.utf8 {
                guard j < source.count, x == source[j] || x | 0x20 == source[j] | 0x20 else {
                    ok = false
                    break
                }
                j += 1
            }
            if ok { return (n + 1, j) }
        }
        throw Self.cannotParse(directive)
    }

    mutating func run(local: TimeZone?) throws(RuntimeError) -> Timestamp {
        var year: Int64 = 1900
        var month = 1
        var day = 0
        var hour = 0
        var minute = 0
        var second = 0
        var nanosecond = 0
        var j = 0
        var week = 0
        var weekday = 0
        var yday = 0
        var colons = 0
        var century = -1
        var weekstart = -1
        var pm = false
        var hasISOYear = false
        var hasZoneOffset = false
        var zone: TimeZone? = nil
        var pending: [UInt8] = []
        let l = source.count
        var i = 0

        while i < format.count {
            let ch = format[i]
            guard ch == UInt8(ascii: "%") else {
                guard j < l, source[j] == ch else { throw Self.expected(ch) }
                j += 1
                i += 1
                continue
            }
            i += 1
            if i == format.count { throw RuntimeError("stray \"%\"") }
            var b = format[i]
            directive: while true {
                switch b {
                case UInt8(ascii: "Y"), UInt8(ascii: "G"):
                    if b == UInt8(ascii: "G") { hasISOYear = true }
                    var sign = 1
                    if j < l, source[j] == UInt8(ascii: "-") {
                        sign = -1
                        j += 1
                    }
                    let (y, next) = try parseInt(j, 4, 0, 9999, b)
                    year = Int64(y * sign)
                    j = next
                case UInt8(ascii: "y"), UInt8(ascii: "g"):
                    if b == UInt8(ascii: "g") { hasISOYear = true }
                    let (y, next) = try parseInt(j, 2, 0, 99, b)
                    year = Int64(y < 69 ? y + 2000 : y + 1900)
                    j = next
                case UInt8(ascii: "C"):
                    if j < l, source[j] == UInt8(ascii: "-") {
                        throw RuntimeError("negative century is not supported for \"%C\"")
                    }
                    (century, j) = try parseInt(j, 2, 0, 99, b)
                case UInt8(ascii: "m"):
                    (month, j) = try parseInt(j, 2, 1, 12, b)
                case UInt8(ascii: "B"):
                    (month, j) = try parseAny(j, Strftime.longMonthNames, b)
                case UInt8(ascii: "b"), UInt8(ascii: "h"):
                    (month, j) = try parseAny(j, Strftime.shortMonthNames, b)
                case UInt8(ascii: "A"):
                    (weekday, j) = try parseAny(j, Strftime.longWeekNames, b)
                case UInt8(ascii: "a"):
                    (weekday, j) = try parseAny(j, Strftime.shortWeekNames, b)
                case UInt8(ascii: "w"):
                    (weekday, j) = try parseInt(j, 1, 0, 6, b)
                    weekday += 1
                case UInt8(ascii: "u"):
                    (weekday, j) = try parseInt(j, 1, 1, 7, b)
                    weekday = weekday % 7 + 1
                case UInt8(ascii: "V"):
                    (week, j) = try parseInt(j, 2, 1, 53, b)
                    weekstart = 4
                    if weekday == 0 { weekday = 2 }
                case UInt8(ascii: "U"):
                    (week, j) = try parseInt(j, 2, 0, 53, b)
                    weekstart = 0
                    if weekday == 0 { weekday = 1 }
                case UInt8(ascii: "W"):
                    (week, j) = try parseInt(j, 2, 0, 53, b)
                    weekstart = 1
                    if weekday == 0 { weekday = 2 }
                case UInt8(ascii: "e"), UInt8(ascii: "d"):
                    if b == UInt8(ascii: "e"), j < l, source[j] == UInt8(ascii: " ") { j += 1 }
                    (day, j) = try parseInt(j, 2, 1, 31, b)
                case UInt8(ascii: "j"):
                    (yday, j) = try parseInt(j, 3, 1, 366, b)
                case UInt8(ascii: "k"), UInt8(ascii: "H"):
                    if b == UInt8(ascii: "k"), j < l, source[j] == UInt8(ascii: " ") { j += 1 }
                    (hour, j) = try parseInt(j, 2, 0, 23, b)
                case UInt8(ascii: "l"), UInt8(ascii: "I"):
                    if b == UInt8(ascii: "l"), j < l, source[j] == UInt8(ascii: " ") { j += 1 }
                    (hour, j) = try parseInt(j, 2, 1, 12, b)
                    if hour == 12 { hour = 0 }
                case UInt8(ascii: "P"), UInt8(ascii: "p"):
                    let ampm: Int
                    (ampm, j) = try parseAny(j, ["AM", "PM"], b)
                    pm = ampm == 2
                case UInt8(ascii: "M"):
                    (minute, j) = try parseInt(j, 2, 0, 59, b)
                case UInt8(ascii: "S"):
                    (second, j) = try parseInt(j, 2, 0, 60, b)
                case UInt8(ascii: "s"):
                    var sign: Int64 = 1
                    if j < l, source[j] == UInt8(ascii: "-") {
                        sign = -1
                        j += 1
                    }
                    var unix: Int64 = 0
                    let start = j
                    while j < min(start + 19, l), source[j] >= UInt8(ascii: "0"), source[j] <= UInt8(ascii: "9") {
                        unix = unix &* 10 &+ Int64(source[j] - UInt8(ascii: "0"))
                        j += 1
                    }
                    if j == start { throw Self.cannotParse(b) }
                    let c = Timestamp(seconds: sign &* unix).civil(in: nil)
                    (year, month, day) = (c.year, c.month, c.day)
                    (hour, minute, second) = (c.hour, c.minute, c.second)
                case UInt8(ascii: "f"):
                    let start = j
                    var micro: Int
                    (micro, j) = try parseInt(j, 6, 0, 999_999, b)
                    for _ in (j - start)..<6 { micro *= 10 }
                    nanosecond = micro * 1000
                case UInt8(ascii: "Z"):
                    let start = j
                    while j < l, source[j] >= UInt8(ascii: "A"), source[j] <= UInt8(ascii: "Z") { j += 1 }
                    let name = String(decoding: source[start..<j], as: UTF8.self)
                    guard let parsed = Self.zoneFromName(name, local: local) else {
                        throw RuntimeError("cannot parse \(GoStrconv.quote(name)) with \"%Z\"")
                    }
                    // After an offset the name is only a label, which fixed zones do not keep.
                    if !hasZoneOffset { zone = parsed }
                case UInt8(ascii: "z"):
                    guard j < l else { throw Self.zFormatError(colons) }
                    switch source[j] {
                    case UInt8(ascii: "-"), UInt8(ascii: "+"):
                        let sign = source[j] == UInt8(ascii: "-") ? -1 : 1
                        var i2 = j + 1
                        let h = (try? parseInt(i2, 2, 0, 23, b)) ?? (0, 0)
                        if h.1 != i2 + 2 { throw Self.zFormatError(colons) }
                        j = h.1
                        var mm = 0
                        var ss = 0
                        if j >= l || source[j] != UInt8(ascii: ":") {
                            if colons > 0 && colons < 3 { throw Self.expectedColon(colons) }
                        } else {
                            j += 1
                            if colons == 0 { colons = 4 }
                        }
                        i2 = j
                        let m = (try? parseInt(i2, 2, 0, 59, b)) ?? (0, 0)
                        if m.1 != i2 + 2 {
                            if colons > 0 && colons != 3 { throw Self.zFormatError(colons & 3) }
                            j = i2
                        } else {
                            mm = m.0
                            j = m.1
                            if colons > 1 {
                                if j >= l || source[j] != UInt8(ascii: ":") {
                                    if colons < 3 { throw Self.expectedColon(colons) }
                                } else {
                                    i2 = j + 1
                                    let s = (try? parseInt(i2, 2, 0, 59, b)) ?? (0, 0)
                                    if s.1 != i2 + 2 {
                                        if colons < 3 { throw Self.zFormatError(colons) }
                                        j = i2 - 1
                                    } else {
                                        ss = s.0
                                        j = s.1
                                    }
                                }
                            }
                        }
                        zone = TimeZones.fixed(offset: sign * ((h.0 * 60 + mm) * 60 + ss))
                        colons = 0
                        hasZoneOffset = true
                    case UInt8(ascii: "Z"):
                        zone = nil
                        colons = 0
                        j += 1
                    default:
                        throw Self.zFormatError(colons)
                    }
                case UInt8(ascii: ":"):
                    if !pending.isEmpty {
                        guard j < l, source[j] == b else { throw Self.expected(b) }
                        j += 1
                        break
                    }
                    colons = 1
                    var goToZ = false
                    while colons <= 3 {
                        i += 1
                        if i == format.count { break }
                        b = format[i]
                        if b == UInt8(ascii: "z") {
                            goToZ = true
                            break
                        }
                        if b != UInt8(ascii: ":") || colons == 3 { break }
                        colons += 1
                    }
                    if goToZ { continue directive }
                    throw RuntimeError("expected 'z' after \"%" + String(repeating: ":", count: min(3, colons)) + "\"")
                case UInt8(ascii: "t"), UInt8(ascii: "n"):
                    let start = j
                    while j < l, [0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D].contains(source[j]) { j += 1 }
                    if start == j {
                        throw RuntimeError("expected a space for \"%\(Character(Unicode.Scalar(b)))\"")
                    }
                case UInt8(ascii: "%"):
                    guard j < l, source[j] == b else { throw Self.expected(b) }
                    j += 1
                case UInt8(ascii: "c"): pending = Array("a b e H:M:S Y".utf8)
                case UInt8(ascii: "+"): pending = Array("a b e H:M:S Z Y".utf8)
                case UInt8(ascii: "v"): pending = Array("e-b-Y".utf8)
                case UInt8(ascii: "r"): pending = Array("I:M:S p".utf8)
                case UInt8(ascii: "F"): pending = Array("Y-m-d".utf8)
                case UInt8(ascii: "D"), UInt8(ascii: "x"): pending = Array("m/d/y".utf8)
                case UInt8(ascii: "T"), UInt8(ascii: "X"): pending = Array("H:M:S".utf8)
                case UInt8(ascii: "R"): pending = Array("H:M".utf8)
                default:
                    if pending.isEmpty { throw RuntimeError("unexpected format \"%\(Character(Unicode.Scalar(b)))\"") }
                    guard j < l, source[j] == b else { throw Self.expected(b) }
                    j += 1
                }
                if !pending.isEmpty {
                    b = pending.removeFirst()
                    continue directive
                }
                break directive
            }
            i += 1
        }
        if j < l {
            throw RuntimeError("unparsed string \(GoStrconv.quote(String(decoding: source[j...], as: UTF8.self)))")
        }
        if pm { hour += 12 }
        if century >= 0 { year = Int64(century * 100) + year % 100 }
        let tz = zone
        func date(_ y: Int64, _ m: Int, _ d: Int64) -> Timestamp {
            Timestamp(
                year: y, month: Int64(m), day: d, hour: Int64(hour), minute: Int64(minute), second: Int64(second),
                nanosecond: Int64(nanosecond), zone: tz)
        }
        if day == 0 {
            if yday > 0 {
                if hasISOYear { throw RuntimeError("use \"%Y\" to parse non-ISO year for \"%j\"") }
                return date(year, 1, Int64(yday))
            }
            if weekstart >= 0 {
                if weekstart == 4 {
                    if !hasISOYear { throw RuntimeError("use \"%G\" to parse ISO year for \"%V\"") }
                } else if hasISOYear {
                    throw RuntimeError("use \"%Y\" to parse non-ISO year for \"%U\" or \"%W\"")
                }
                if weekstart > 0 && weekday == 1 { week += 1 }
                let t = date(year, 1, Int64(-weekstart))
                return t.addingDate(years: 0, months: 0, days: Int64(week * 7 - t.civil.weekday + weekday - 1))
            }
            day = 1
        }
        return date(year, month, Int64(day))
    }

    /// The zone of an abbreviation read by `%Z`, resolved as Go's `time.Parse("MST", name)`
    /// does: UTC, the local zone when it uses the name, else a zero offset. `nil` inside the
    /// optional means UTC; an outer `nil` means the name does not look like a zone.
    static func zoneFromName(_ name: String, local: TimeZone?) -> TimeZone?? {
        if name == "UTC" { return .some(nil) }
        let bytes = Array(name.utf8)[...]
        guard let n = GoTimeLayout.zoneAbbreviationLength(bytes), n == bytes.count else { return nil }
        // Go looks the name up in the local zone at its default date, January 1 of year 0.
        if TimeZones.offset(named: name, in: local, at: -62_167_219_200) != nil { return .some(local) }
        return .some(nil)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
