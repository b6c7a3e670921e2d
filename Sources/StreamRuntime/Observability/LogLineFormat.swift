import Bloblang

/// How log lines are written: JSON objects or logfmt pairs, with Benthos's field names.
///
/// Both follow the logrus formatters Benthos uses: logfmt puts `time`, `level` and `msg`
/// first and the other fields sorted after them, quoting values that hold anything but
/// letters, digits and `-._/@^+`; JSON writes one object with sorted keys.
public struct LogLineFormat: Sendable, Equatable {
    public enum Style: String, Sendable, CaseIterable { case json, logfmt }

    public var style: Style
    /// Whether to add the time of each line.
    public var addTimestamp: Bool
    public var levelName: String
    public var messageName: String
    public var timestampName: String

    public init(
        style: Style = .logfmt, addTimestamp: Bool = true, levelName: String = "level", messageName: String = "msg",
        timestampName: String = "time"
    ) {
        self.style = style
        self.addTimestamp = addTimestamp
        self.levelName = levelName
        self.messageName = messageName
        self.timestampName = timestampName
    }

    /// One line (without the trailing newline).
    /// - Parameters:
    ///   - level: the level name as written (`info`, `warning`, ...).
    ///   - time: the timestamp text, used when `addTimestamp` is on.
    public func render(level: String, message: String, fields: [String: Value], time: @autoclosure () -> String) -> String {
        let stamp = addTimestamp ? time() : nil
        switch style {
        case .json:
            var all = fields
            all[levelName] = .string(level)
            all[messageName] = .string(message)
            if let stamp { all[timestampName] = .string(stamp) }
            return JSONWriter.compactString(.object(all), escapeHTML: true)
        case .logfmt:
            var out = ""
            func pair(_ k: String, _ v: String) {
                if !out.isEmpty { out += " " }
                out += k
                out += "="
                out += Self.needsQuoting(v) ? GoStrconv.quote(v) : v
            }
            if let stamp { pair(timestampName, stamp) }
            pair(levelName, level)
            if !message.isEmpty { pair(messageName, message) }
            for k in fields.keys.sorted() where k != timestampName && k != levelName && k != messageName {
                pair(k, fields[k].map(Self.text) ?? "")
            }
            return out
        }
    }

    /// The text of a field value in logfmt.
    static func text(_ v: Value) -> String {
        switch v {
        case .string(let s): return s
        case .null: return "<nil>"
        default: return v.plainString
        }
    }

    /// logrus quotes empty values and anything outside `[A-Za-z0-9-._/@^+]`.
    static func needsQuoting(_ s: String) -> Bool {
        if s.isEmpty { return true }
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "/"), UInt8(ascii: "@"), UInt8(ascii: "^"), UInt8(ascii: "+"):
                continue
            default:
                return true
            }
        }
        return false
    }
}
