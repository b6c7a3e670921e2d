import Bloblang
import Foundation

/// Helpers shared by the timestamp methods.
enum TimeMethodSupport {
    /// Loads the zone named by an optional `tz` argument, with Benthos's error text. The outer
    /// optional is `nil` when no zone was given; the inner `nil` is UTC.
    static func zone(_ name: String?) throws(RuntimeError) -> TimeZone?? {
        guard let name else { return nil }
        do {
            return .some(try TimeZones.load(name))
        } catch {
            throw RuntimeError("failed to parse timezone location name: \(error.message)")
        }
    }
}

extension TimeMethodSupport {
    /// `ts_format(format, tz)`: a Go layout, in `tz` when given.
    static func prepareFormat(_ args: Arguments) throws -> MethodSpec.Prepared {
        let layout = args.string(0)
        let zone = try zone(args.optionalString(1))
        return { target, _ in
            var t = try target.getTimestamp()
            if let zone { t = t.in(zone) }
            return .string(GoTimeLayout.format(t, layout: layout))
        }
    }

    /// `ts_strftime(format, tz)`: a strftime format, in `tz` when given.
    static func prepareStrftime(_ args: Arguments) throws -> MethodSpec.Prepared {
        let format = args.string(0)
        let zone = try zone(args.optionalString(1))
        return { target, _ in
            var t = try target.getTimestamp()
            if let zone { t = t.in(zone) }
            return .string(Strftime.format(t, format))
        }
    }

    /// The `ts_format` parameters.
    static let formatParams: [ParameterSpec] = [
        .string("format", "The output layout, written with Go's reference time.", default: GoTimeLayout.rfc3339Nano),
        .string("tz", "A time zone to show the time in (\"UTC\", \"Local\" or an IANA name); the timestamp's own zone when left out.")
            .optional(),
    ]

    /// The `ts_strftime` parameters.
    static let strftimeParams: [ParameterSpec] = [
        .string("format", "The output format, with strftime directives."),
        .string("tz", "A time zone to show the time in (\"UTC\", \"Local\" or an IANA name); the timestamp's own zone when left out.")
            .optional(),
    ]
}
