import Bloblang

/// The target of a string method that, like Benthos, works on both strings and byte arrays
/// and answers in the kind it was given.
///
/// Bloblang strings are Go strings: sequences of bytes, indexed by byte. Operations run on
/// the UTF-8 bytes so that offsets and lengths agree with Benthos.
enum TextTarget {
    case string(String)
    case bytes([UInt8])

    /// Reads a string or bytes target, refusing every other type (timestamps too, as the
    /// Benthos methods that switch on `string`/`[]byte` do).
    init(_ value: Value) throws(RuntimeError) {
        switch value {
        case .string(let s): self = .string(s)
        case .bytes(let b): self = .bytes(b)
        default: throw .type(expected: [.string], got: value)
        }
    }

    /// The UTF-8 bytes of the target.
    var bytes: [UInt8] {
        switch self {
        case .string(let s): Array(s.utf8)
        case .bytes(let b): b
        }
    }

    /// The target as text.
    var text: String {
        switch self {
        case .string(let s): s
        case .bytes(let b): String(decoding: b, as: UTF8.self)
        }
    }

    /// Wraps bytes computed from this target in the target's own kind.
    func wrap(_ result: [UInt8]) -> Value {
        switch self {
        case .string: .string(String(decoding: result, as: UTF8.self))
        case .bytes: .bytes(result)
        }
    }

    /// Wraps text computed from this target in the target's own kind.
    func wrap(text result: String) -> Value {
        switch self {
        case .string: .string(result)
        case .bytes: .bytes(Array(result.utf8))
        }
    }
}
