import Bloblang
import Foundation
import Testing

/// Go time layouts, strftime, durations and ISO 8601 periods, checked against the outputs of
/// Go's `time` package and the libraries Benthos uses.
@Suite struct TimeTests {
    /// 2009-11-10T23:00:00Z, a Tuesday (Go's example time), plus 123456789 ns.
    static let reference = Timestamp(seconds: 1_257_894_000, nanos: 123_456_789)

    static func zone(_ id: String) -> TimeZone? { TimeZone(identifier: id) }

    // MARK: - Go layouts

    static let formatCases: [(String, String)] = [
        (GoTimeLayout.rfc3339, "2009-11-10T23:00:00Z"),
        (GoTimeLayout.rfc3339Nano, "2009-11-10T23:00:00.123456789Z"),
        (GoTimeLayout.ansiC, "Tue Nov 10 23:00:00 2009"),
        (GoTimeLayout.unixDate, "Tue Nov 10 23:00:00 UTC 2009"),
        (GoTimeLayout.rubyDate, "Tue Nov 10 23:00:00 +0000 2009"),
        (GoTimeLayout.rfc822, "10 Nov 09 23:00 UTC"),
        (GoTimeLayout.rfc822Z, "10 Nov 09 23:00 +0000"),
        (GoTimeLayout.rfc850, "Tuesday, 10-Nov-09 23:00:00 UTC"),
        (GoTimeLayout.rfc1123, "Tue, 10 Nov 2009 23:00:00 UTC"),
        (GoTimeLayout.rfc1123Z, "Tue, 10 Nov 2009 23:00:00 +0000"),
        (GoTimeLayout.kitchen, "11:00PM"),
        (GoTimeLayout.stamp, "Nov 10 23:00:00"),
        (GoTimeLayout.stampMilli, "Nov 10 23:00:00.123"),
        (GoTimeLayout.stampMicro, "Nov 10 23:00:00.123456"),
        (GoTimeLayout.stampNano, "Nov 10 23:00:00.123456789"),
        (GoTimeLayout.dateTime, "2009-11-10 23:00:00"),
        (GoTimeLayout.dateOnly, "2009-11-10"),
        (GoTimeLayout.timeOnly, "23:00:00"),
        ("January Jan 1 01 Monday Mon 2 _2 02 __2 002", "November Nov 11 11 Tuesday Tue 10 10 10 314 314"),
        ("15 3 03 4 04 5 05 PM pm 06", "23 11 11 0 00 0 00 PM pm 09"),
        ("05.000 05,00 05.99 05.9999999999", "00.123 00,12 00.12 00.123456789"),
        ("Z07:00 Z0700 Z07 -07:00 -0700 -07 Z07:00:00 -070000", "Z Z Z +00:00 +0000 +00 Z +000000"),
        ("Month Mond _2006", "Month Mond _2009"),
    ]

    @Test(arguments: formatCases)
    func goLayoutFormat(layout: String, expected: String) {
        #expect(GoTimeLayout.format(Self.reference, layout: layout) == expected)
    }

    @Test func goLayoutFormatsZones() throws {
        let ny = try #require(Self.zone("America/New_York"))
        let winter = Timestamp(seconds: 1_612_368_306, zone: ny)  // 2021-02-03T16:05:06Z
        #expect(GoTimeLayout.format(winter, layout: GoTimeLayout.rfc1123) == "Wed, 03 Feb 2021 11:05:06 EST")
        #expect(winter.rfc3339Nano == "2021-02-03T11:05:06-05:00")
        let summer = Timestamp(seconds: 1_597_405_526, zone: ny)  // 2020-08-14T11:45:26Z
        #expect(GoTimeLayout.format(summer, layout: "MST -07:00 Z07") == "EDT -04:00 -04")
        let fixed = Timestamp(seconds: 0, zone: TimeZone(secondsFromGMT: 5 * 3600 + 1800))
        #expect(GoTimeLayout.format(fixed, layout: "2006-01-02 15:04 MST Z0700") == "1970-01-01 05:30 +0530 +0530")
        #expect(Timestamp(seconds: 1_000_000_000, nanos: 120_000_000).rfc3339Nano == "2001-09-09T01:46:40.12Z")
    }

    static let parseCases: [(String, String, String)] = [
        ("2020-Aug-14", "2006-Jan-02", "2020-08-14T00:00:00Z"),
        ("Aug 14, 2020 at 5:54am (UTC)", "Jan 2, 2006 at 3:04pm (MST)", "2020-08-14T05:54:00Z"),
        ("2021-02-03T17:05:06+01:00", GoTimeLayout.rfc3339, "2021-02-03T17:05:06+01:00"),
        ("2021-02-03T17:05:06.5-07:30", GoTimeLayout.rfc3339Nano, "2021-02-03T17:05:06.5-07:30"),
        ("2021-02-03T17:05:06.123456789123Z", GoTimeLayout.rfc3339, "2021-02-03T17:05:06.123456789Z"),
        ("2021-02-03 17:05:06,25", GoTimeLayout.dateTime, "2021-02-03T17:05:06.25Z"),
        ("Tue Nov 10 23:00:00 2009", GoTimeLayout.ansiC, "2009-11-10T23:00:00Z"),
        ("Tue Nov  1 23:00:00 2009", GoTimeLayout.ansiC, "2009-11-01T23:00:00Z"),
        ("tuesday, 10-NOV-09 23:00:00 UTC", GoTimeLayout.rfc850, "2009-11-10T23:00:00Z"),
        ("12:30AM", GoTimeLayout.kitchen, "0000-01-01T00:30:00Z"),
        ("12:30PM", GoTimeLayout.kitchen, "0000-01-01T12:30:00Z"),
        ("2020 060", "2006 002", "2020-02-29T00:00:00Z"),
        ("2019 365", "2006 __2", "2019-12-31T00:00:00Z"),
        ("70-01-02", "06-01-02", "1970-01-02T00:00:00Z"),
        ("68-01-02", "06-01-02", "2068-01-02T00:00:00Z"),
        ("2009-11-10 23:00:00 +0530", "2006-01-02 15:04:05 -0700", "2009-11-10T23:00:00+05:30"),
        ("2009-11-10 23:00:00.000 Z", "2006-01-02 15:04:05.000 Z07:00", "2009-11-10T23:00:00Z"),
    ]

    @Test(arguments: parseCases)
    func goLayoutParse(input: String, layout: String, expected: String) throws {
        let t = try GoTimeLayout.parse(input, layout: layout, defaultZone: nil)
        #expect(t.rfc3339Nano == expected)
    }

    static let parseErrorCases: [(String, String, String)] = [
        (
            "not valid timestamp", GoTimeLayout.rfc3339,
            #"parsing time "not valid timestamp" as "2006-01-02T15:04:05Z07:00": cannot parse "not valid timestamp" as "2006""#
        ),
        ("invalid format", "2006-Jan-02", #"parsing time "invalid format" as "2006-Jan-02": cannot parse "invalid format" as "2006""#),
        ("2020-13-01", GoTimeLayout.dateOnly, #"parsing time "2020-13-01": month out of range"#),
        ("2020-02-30", GoTimeLayout.dateOnly, #"parsing time "2020-02-30": day out of range"#),
        ("2020-02-03x", GoTimeLayout.dateOnly, #"parsing time "2020-02-03x": extra text: "x""#),
        ("2020/02/03", GoTimeLayout.dateOnly, #"parsing time "2020/02/03" as "2006-01-02": cannot parse "/02/03" as "-""#),
        ("25:00:00", GoTimeLayout.timeOnly, #"parsing time "25:00:00": hour out of range"#),
        ("10:61:00", GoTimeLayout.timeOnly, #"parsing time "10:61:00": minute out of range"#),
        ("2019 366", "2006 002", #"parsing time "2019 366": day-of-year out of range"#),
        ("2021-02-03T17:05:06+0100", GoTimeLayout.rfc3339, #"parsing time "2021-02-03T17:05:06+0100" as "2006-01-02T15:04:05Z07:00": cannot parse "+0100" as "Z07:00""#),
        ("2021-02-03T17:05:06+25:00", GoTimeLayout.rfc3339, #"parsing time "2021-02-03T17:05:06+25:00": time zone offset hour out of range"#),
        ("2020-é", "2006-01", #"parsing time "2020-\xc3\xa9" as "2006-01": cannot parse "\xc3\xa9" as "01""#),
    ]

    @Test(arguments: parseErrorCases)
    func goLayoutParseErrors(input: String, layout: String, message: String) {
        #expect(throws: RuntimeError(message)) { try GoTimeLayout.parse(input, layout: layout, defaultZone: nil) }
    }

    @Test func rfc3339Initializer() {
        #expect(Timestamp(rfc3339: "2020-08-14T11:45:26.371Z") == Timestamp(seconds: 1_597_405_526, nanos: 371_000_000))
        #expect(Timestamp(rfc3339: "2020-08-14") == nil)
        let offset = Timestamp(rfc3339: "2020-08-14T12:45:26+01:00")
        #expect(offset?.seconds == 1_597_405_526)
        #expect(offset?.utcOffset == 3600)
    }

    @Test func defaultZoneAppliesWithoutZoneInInput() throws {
        let ny = try #require(Self.zone("America/New_York"))
        let t = try GoTimeLayout.parse("2021-02-03 11:05:06", layout: GoTimeLayout.dateTime, defaultZone: ny)
        #expect(t.seconds == 1_612_368_306)
    }

    // MARK: - Strftime

    static let strftimeCases: [(String, String)] = [
        ("%Y-%b-%d %H:%M:%S", "2009-Nov-10 23:00:00"),
        ("%Y-%m-%dT%H:%M:%S.%f%z", "2009-11-10T23:00:00.123456+0000"),
        ("%a %A %b %B %h", "Tue Tuesday Nov November Nov"),
        ("%c", "Tue Nov 10 23:00:00 2009"),
        ("%D|%F|%T|%R|%r|%v", "11/10/09|2009-11-10|23:00:00|23:00|11:00:00 PM|10-Nov-2009"),
        ("%e|%j|%k|%l|%I|%p|%P", "10|314|23|11|11|PM|pm"),
        ("%u %w %y %C %g %G %V %U %W", "2 2 09 20 09 2009 46 45 45"),
        ("%s %Z %:z %::z %% %t%n", "1257894000 UTC +00:00 +00:00:00 % \t\n"),
        ("%-m/%-d %_5Y %05d %^a %#b %10B", "11/10  2009 00010 TUE NOV   November"),
        ("%Q %q 100%", "%Q %q 100%"),
    ]

    @Test(arguments: strftimeCases)
    func strftimeFormat(format: String, expected: String) {
        #expect(Strftime.format(Self.reference, format) == expected)
    }

    @Test func strftimeZones() throws {
        let ny = try #require(Self.zone("America/New_York"))
        let t = Timestamp(seconds: 1_597_405_526, zone: ny)
        #expect(Strftime.format(t, "%H:%M %Z %z %:z") == "07:45 EDT -0400 -04:00")
        #expect(Strftime.format(Timestamp(seconds: 3, zone: ny), "%e %l") == "31  7")
    }

    static let strptimeCases: [(String, String, String)] = [
        ("2020-Aug-14", "%Y-%b-%d", "2020-08-14T00:00:00Z"),
        ("2020-Aug-14 11:50:26.371000", "%Y-%b-%d %H:%M:%S.%f", "2020-08-14T11:50:26.371Z"),
        ("2020-08-14 11:50:26.5", "%Y-%m-%d %H:%M:%S.%f", "2020-08-14T11:50:26.5Z"),
        ("2020-08-14T11:50:26+0100", "%Y-%m-%dT%H:%M:%S%z", "2020-08-14T11:50:26+01:00"),
        ("2020-08-14T11:50:26-03:30", "%Y-%m-%dT%H:%M:%S%:z", "2020-08-14T11:50:26-03:30"),
        ("2020-08-14T11:50:26Z", "%Y-%m-%dT%H:%M:%S%z", "2020-08-14T11:50:26Z"),
        ("12:30", "%H:%M", "1900-01-01T12:30:00Z"),
        ("07:05:09 pm", "%I:%M:%S %p", "1900-01-01T19:05:09Z"),
        ("1597405526", "%s", "2020-08-14T11:45:26Z"),
        ("Fri Aug 14 11:45:26 2020", "%c", "2020-08-14T11:45:26Z"),
        ("2020 100", "%Y %j", "2020-04-09T00:00:00Z"),
        ("2020 W33 5", "%G W%V %u", "2020-08-14T00:00:00Z"),
        ("20 14", "%y %d", "2020-01-14T00:00:00Z"),
        ("2020-08-14 UTC", "%F %Z", "2020-08-14T00:00:00Z"),
    ]

    @Test(arguments: strptimeCases)
    func strptimeParse(input: String, format: String, expected: String) throws {
        #expect(try Strftime.parse(input, format: format).rfc3339Nano == expected)
    }

    static let strptimeErrorCases: [(String, String, String)] = [
        ("not valid timestamp", "%Y-%b-%d", #"failed to parse "not valid timestamp" with "%Y-%b-%d": cannot parse "%Y""#),
        ("invalid format", "INVALID_FORMAT", #"failed to parse "invalid format" with "INVALID_FORMAT": expected 'I'"#),
        ("2020-08-14 x", "%F", #"failed to parse "2020-08-14 x" with "%F": unparsed string " x""#),
        ("2020", "%Y%", #"failed to parse "2020" with "%Y%": stray "%""#),
        ("2020", "%Q", #"failed to parse "2020" with "%Q": unexpected format "%Q""#),
        ("13", "%m", #"failed to parse "13" with "%m": cannot parse "%m""#),
        ("+05", "%:z", #"failed to parse "+05" with "%:z": expected ':' for "%:z""#),
    ]

    @Test(arguments: strptimeErrorCases)
    func strptimeErrors(input: String, format: String, message: String) {
        #expect(throws: RuntimeError(message)) { try Strftime.parse(input, format: format) }
    }

    // MARK: - Durations

    static let durationCases: [(String, Int64, String)] = [
        ("1h30m", 5_400_000_000_000, "1h30m0s"),
        ("-1.5h", -5_400_000_000_000, "-1h30m0s"),
        ("300ms", 300_000_000, "300ms"),
        ("2us", 2000, "2µs"),
        ("2µs", 2000, "2µs"),
        ("2μs", 2000, "2µs"),
        ("1.5s", 1_500_000_000, "1.5s"),
        (".5s", 500_000_000, "500ms"),
        ("1ns", 1, "1ns"),
        ("0", 0, "0s"),
        ("+3m", 180_000_000_000, "3m0s"),
        ("2h45m10.25s", 9_910_250_000_000, "2h45m10.25s"),
        ("9223372036854775807ns", Int64.max, "2562047h47m16.854775807s"),
        ("-9223372036854775808ns", Int64.min, "-2562047h47m16.854775808s"),
    ]

    @Test(arguments: durationCases)
    func goDurations(text: String, nanos: Int64, printed: String) throws {
        #expect(try GoDuration.parse(text) == nanos)
        #expect(GoDuration.string(nanos) == printed)
    }

    static let durationErrorCases: [(String, String)] = [
        ("", #"time: invalid duration """#),
        ("x", #"time: invalid duration "x""#),
        ("1", #"time: missing unit in duration "1""#),
        ("1x", #"time: unknown unit "x" in duration "1x""#),
        ("1.s.", #"time: invalid duration "1.s.""#),
        ("9223372036854775808ns", #"time: invalid duration "9223372036854775808ns""#),
        ("-", #"time: invalid duration "-""#),
    ]

    @Test(arguments: durationErrorCases)
    func goDurationErrors(text: String, message: String) {
        #expect(throws: RuntimeError(message)) { try GoDuration.parse(text) }
    }

    // MARK: - ISO 8601 periods

    static let periodCases: [(String, Int64)] = [
        ("P3Y6M4DT12H30M5S", 110_839_937_000_000_000),
        ("P3Y6M4DT12H30M5.3S", 110_839_937_300_000_000),
        ("P3Y6M4DT12H30M5.123456789S", 110_839_937_123_456_789),
        ("PT2H", 7_200_000_000_000),
        ("PT2.5S", 2_500_000_000),
        ("P1W", 604_800_000_000_000),
        ("-P1D", -86_400_000_000_000),
        ("P-1D", -86_400_000_000_000),
        ("P1,5D", 129_600_000_000_000),
        ("P0D", 0),
        ("P1DT", 86_400_000_000_000),
    ]

    @Test(arguments: periodCases)
    func iso8601Periods(text: String, nanos: Int64) throws {
        #expect(try ISO8601Period.parse(text).durationApprox == nanos)
    }

    static let periodErrorCases: [(String, String)] = [
        ("P2.5YT7.5S", "P2.5YT7.5S: 'Y' & 'S' only the last field can have a fraction"),
        ("P3S", "P3S: 'S' designator cannot occur here"),
        ("gibberish", "gibberish: expected 'P' period mark at the start"),
        ("", "cannot parse a blank string as a period"),
        ("P", "P: expected 'Y', 'M', 'W', 'D', 'H', 'M', or 'S' designator"),
        ("P5", "P5: missing designator at the end"),
        ("PX", "PX: expected a number but found 'X'"),
        ("P1Y1Y", "P1Y1Y: 'Y' designator cannot occur more than once"),
        ("PTT", "PTT: 'T' designator cannot occur more than once"),
        ("P1Q", "P1Q: expected a designator Y, M, W, D, H, or S not 'Q'"),
        ("P1.2.3D", "P1.2.3D: number invalid or out of range"),
    ]

    @Test(arguments: periodErrorCases)
    func iso8601PeriodErrors(text: String, message: String) {
        #expect(throws: RuntimeError(message)) { try ISO8601Period.parse(text) }
    }

    static let periodAddCases: [(String, String, String)] = [
        ("2020-08-14T05:54:23Z", "P1Y", "2021-08-14T05:54:23Z"),
        ("2020-01-01T00:00:00Z", "P1Y2M3DT4H5M6S", "2021-03-04T04:05:06Z"),
        ("2021-01-31T00:00:00Z", "P1M", "2021-03-03T00:00:00Z"),
        ("2020-02-29T00:00:00Z", "P1Y", "2021-03-01T00:00:00Z"),
        ("2020-01-01T00:00:00Z", "P1.5D", "2020-01-02T12:00:00Z"),
        ("2020-01-01T00:00:00Z", "PT36H", "2020-01-02T12:00:00Z"),
    ]

    @Test(arguments: periodAddCases)
    func iso8601PeriodArithmetic(start: String, period: String, expected: String) throws {
        let t = try Timestamp.parseRFC3339(start)
        let p = try ISO8601Period.parse(period)
        #expect(p.add(to: t).rfc3339Nano == expected)
    }

    static let periodSubtractCases: [(String, String, String)] = [
        ("2021-08-14T05:54:23Z", "P1Y", "2020-08-14T05:54:23Z"),
        ("2021-03-04T04:05:06Z", "P1Y2M3DT4H5M6S", "2020-01-01T00:00:00Z"),
        ("2021-03-31T00:00:00Z", "P1M", "2021-03-03T00:00:00Z"),
        ("2020-01-02T12:00:00Z", "P1.5D", "2020-01-01T00:00:00Z"),
    ]

    @Test(arguments: periodSubtractCases)
    func iso8601PeriodSubtraction(start: String, period: String, expected: String) throws {
        let t = try Timestamp.parseRFC3339(start)
        #expect(try ISO8601Period.parse(period).negated.add(to: t).rfc3339Nano == expected)
    }

    // MARK: - Timestamp arithmetic

    @Test func roundingCountsFromYearOne() throws {
        let t = try Timestamp.parseRFC3339("2020-08-14T05:54:23Z")
        #expect(t.rounded(toMultipleOf: GoDuration.hour).rfc3339Nano == "2020-08-14T06:00:00Z")
        #expect(t.rounded(toMultipleOf: GoDuration.minute).rfc3339Nano == "2020-08-14T05:54:00Z")
        // Weeks are counted from Monday, January 1 of year 1.
        #expect(t.rounded(toMultipleOf: 7 * 24 * GoDuration.hour).rfc3339Nano == "2020-08-17T00:00:00Z")
        #expect(t.rounded(toMultipleOf: 0) == t)
        let half = try Timestamp.parseRFC3339("2020-08-14T05:30:00Z")
        #expect(half.rounded(toMultipleOf: GoDuration.hour).rfc3339Nano == "2020-08-14T06:00:00Z")
    }

    @Test func subtractionSaturates() throws {
        let a = try Timestamp.parseRFC3339("2023-10-12T14:59:10.12345+03:00")
        let b = try Timestamp.parseRFC3339("2023-10-02T02:55:03.6789Z")
        #expect(a.nanoseconds(since: b) == 896_646_444_550_000)
        #expect(b.nanoseconds(since: a) == -896_646_444_550_000)
        let far = Timestamp(seconds: 400 * 365 * 86400)
        #expect(far.nanoseconds(since: Timestamp(seconds: 0)) == Int64.max)
        #expect(Timestamp(seconds: 0).nanoseconds(since: far) == Int64.min)
    }

    @Test func timeZoneLoading() throws {
        #expect(try TimeZones.load("UTC") == nil)
        #expect(try TimeZones.load("") == nil)
        #expect(try TimeZones.load("America/New_York")?.identifier == "America/New_York")
        #expect(throws: RuntimeError("unknown time zone Nowhere/Special")) { try TimeZones.load("Nowhere/Special") }
        #expect(throws: RuntimeError("time: invalid location name")) { try TimeZones.load("../etc/passwd") }
    }
}
