import Bloblang

/// Reads logfmt text (`key=value key2="quoted value" flag`) into an object, as Benthos's
/// `parse_logfmt` does: a key without `=` is `true`, values may be double-quoted with
/// backslash escapes, and a later key replaces an earlier one.
enum LogfmtParser {
    struct Failure: Error {
        var message: String
    }

    static func parse(_ input: String) throws(Failure) -> [String: Value] {
        let s = Array(input.utf8)
        let space = UInt8(ascii: " ")
        let tab = UInt8(ascii: "\t")
        let equals = UInt8(ascii: "=")
        let quote = UInt8(ascii: "\"")
        func isBlank(_ c: UInt8) -> Bool { c == space || c == tab }
        func decode(_ b: ArraySlice<UInt8>) -> String { String(decoding: b, as: UTF8.self) }

        var result: [String: Value] = [:]
        var i = 0
        while i < s.count {
            while i < s.count && isBlank(s[i]) { i += 1 }
            if i >= s.count { break }
            let keyStart = i
            while i < s.count && s[i] != equals && !isBlank(s[i]) { i += 1 }
            let key = decode(s[keyStart..<i])
            if key.isEmpty {
                // A stray `=`: skip it.
                i += 1
                continue
            }
            guard i < s.count, s[i] == equals else {
                result[key] = .bool(true)
                continue
            }
            i += 1
            if i < s.count && s[i] == quote {
                i += 1
                var value: [UInt8] = []
                while i < s.count && s[i] != quote {
                    if s[i] == UInt8(ascii: "\\") && i + 1 < s.count {
                        i += 1
                        switch s[i] {
                        case quote, UInt8(ascii: "\\"), UInt8(ascii: "/"): value.append(s[i])
                        case UInt8(ascii: "n"): value.append(0x0A)
                        case UInt8(ascii: "r"): value.append(0x0D)
                        case UInt8(ascii: "t"): value.append(0x09)
                        case UInt8(ascii: "b"): value.append(0x08)
                        case UInt8(ascii: "f"): value.append(0x0C)
                        default:
                            value.append(UInt8(ascii: "\\"))
                            value.append(s[i])
                        }
                    } else {
                        value.append(s[i])
                    }
                    i += 1
                }
                if i >= s.count {
                    throw Failure(message: "logfmt: unterminated quoted value for key \(GoStrconv.quote(key))")
                }
                i += 1
                result[key] = .string(decode(value[...]))
            } else {
                let valueStart = i
                while i < s.count && !isBlank(s[i]) { i += 1 }
                result[key] = .string(decode(s[valueStart..<i]))
            }
        }
        return result
    }
}
