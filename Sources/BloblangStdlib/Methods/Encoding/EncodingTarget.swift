import Bloblang

extension Value {
    /// The bytes of a string or byte-array target. Other types, timestamps included, fail
    /// with `expected string value`, as Benthos's encoding methods do.
    func encodingBytes() throws(RuntimeError) -> [UInt8] {
        switch self {
        case .string(let s): return Array(s.utf8)
        case .bytes(let b): return b
        default: throw .type(expected: [.string], got: self)
        }
    }

    /// A result that Benthos returns as a Go string built from arbitrary bytes: a string when
    /// the bytes are valid UTF-8, otherwise bytes, so that no byte is lost.
    static func goString(_ bytes: [UInt8]) -> Value {
        if let s = String(validating: bytes, as: UTF8.self) { return .string(s) }
        return .bytes(bytes)
    }
}

/// Runs a codec step, turning its failure into a runtime error with the same text.
func codecStep<T>(_ body: () throws(CodecError) -> T) throws(RuntimeError) -> T {
    do {
        return try body()
    } catch {
        throw RuntimeError(error.description)
    }
}

extension Arguments {
    /// The exact bytes of a string argument. Keys and IVs are often byte arrays (from
    /// `.decode("hex")`) that are not valid UTF-8, so these parameters are declared `any`
    /// and checked here instead of being converted to `String`.
    func rawBytes(_ index: Int) throws(RuntimeError) -> [UInt8] {
        switch self[index] {
        case .string(let s): return Array(s.utf8)
        case .bytes(let b): return b
        case let other:
            throw RuntimeError("wrong argument type, expected string, got \(other.type.rawValue)", code: .badArgument)
        }
    }
}
