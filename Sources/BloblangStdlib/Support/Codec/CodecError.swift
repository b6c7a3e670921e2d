/// A failure to encode, decode, compress or decompress, worded as the Go library that
/// Benthos uses words it.
struct CodecError: Error, CustomStringConvertible, Equatable {
    let description: String
    init(_ description: String) { self.description = description }

    /// Go's `io.ErrUnexpectedEOF`.
    static let unexpectedEOF = CodecError("unexpected EOF")

    /// Renders a byte as Go's `%#U` verb does for `rune(b)`: `U+007A 'z'`, or just `U+0000`
    /// when the character is not printable.
    static func goUnicodeVerb(_ b: UInt8) -> String {
        let hex = String(b, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: 4 - hex.count) + hex
        let printable = (0x20...0x7e).contains(b) || (0xa1...0xff).contains(b) && b != 0xad
        guard printable, let scalar = Unicode.Scalar(UInt32(b)) else { return code }
        return "\(code) '\(Character(scalar))'"
    }
}
