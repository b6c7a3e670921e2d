/// The documentation category of a function or method.
public enum Category: String, Sendable, CaseIterable {
    case general = "General"
    case message = "Message Info"
    case environment = "Environment"
    case fakeData = "Fake Data Generation"
    case strings = "String Manipulation"
    case regexp = "Regular Expressions"
    case numbers = "Number Manipulation"
    case time = "Timestamp Manipulation"
    case encoding = "Encoding and Encryption"
    case coercion = "Type Coercion"
    case parsing = "Parsing"
    case objectAndArray = "Object & Array Manipulation"
    case deprecated = "Deprecated"

    /// A one-line description shown at the head of the category in the reference docs.
    public var summary: String {
        switch self {
        case .general: "Functions and methods that do not fit another category."
        case .message: "Read facts about the message being processed: content, metadata, batch position."
        case .environment: "Read the process environment: variables, files, host name, the clock."
        case .fakeData: "Generate identifiers and random data."
        case .strings: "Change and inspect strings."
        case .regexp: "Match, find and replace with regular expressions (RE2 syntax, run by PCRE2)."
        case .numbers: "Arithmetic helpers and rounding."
        case .time: "Parse, format and shift timestamps."
        case .encoding: "Encode, decode, hash, compress and encrypt."
        case .coercion: "Convert values from one type to another."
        case .parsing: "Parse structured text formats into values."
        case .objectAndArray: "Build, query and reshape objects and arrays."
        case .deprecated: "Kept so that old mappings run; prefer the replacement named in each entry."
        }
    }
}

/// How settled a function or method is.
public enum Status: String, Sendable {
    case stable, beta, experimental, deprecated, hidden
}
