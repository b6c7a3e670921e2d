/// K-sortable unique identifiers (`github.com/segmentio/ksuid`): a 32-bit timestamp in
/// seconds since 2014-05-13T16:53:20Z followed by 128 random bits, written as 27 base-62
/// digits.
enum KSUID {
    static let epoch: Int64 = 1_400_000_000
    private static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    static func generate(unixSeconds: Int64) -> String {
        var raw: [UInt8] = []
        raw.appendBigEndian(UInt32(truncatingIfNeeded: unixSeconds - epoch))
        raw += SecureRandom.bytes(16)
        return base62(raw)
    }

    /// Base 62 of a 20-byte big-endian number, left-padded with `0` to 27 digits.
    static func base62(_ bytes: [UInt8]) -> String {
        // Long division of the number (as 32-bit words) by 62, collecting remainders.
        var words: [UInt32] = stride(from: 0, to: bytes.count, by: 4).map { i in
            bytes[i..<min(i + 4, bytes.count)].reduce(0) { $0 << 8 | UInt32($1) }
        }
        var digits: [UInt8] = []
        while words.contains(where: { $0 != 0 }) {
            var remainder: UInt64 = 0
            for i in words.indices {
                let value = remainder << 32 | UInt64(words[i])
                words[i] = UInt32(value / 62)
                remainder = value % 62
            }
            digits.append(alphabet[Int(remainder)])
        }
        while digits.count < 27 { digits.append(alphabet[0]) }
        return String(decoding: digits.reversed(), as: UTF8.self)
    }
}

/// Nano IDs (`github.com/matoous/go-nanoid/v2`).
enum NanoID {
    static let defaultAlphabet = Array("_-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")

    /// `length` characters from the URL-safe default alphabet.
    static func generate(length: Int) -> String {
        String(SecureRandom.bytes(length).map { defaultAlphabet[Int($0 & 63)] })
    }

    /// `length` characters from `alphabet`: random bytes masked to the next power of two and
    /// rejected when out of range, so every character is equally likely.
    static func generate(alphabet: String, length: Int) throws(CodecError) -> String {
        let chars = Array(alphabet)
        let byteCount = alphabet.utf8.count
        guard byteCount > 0 && byteCount <= 255 else {
            throw CodecError("alphabet must not be empty and contain no more than 255 chars")
        }
        guard length > 0 else { throw CodecError("size must be positive integer") }
        var mask = 3
        while mask < chars.count - 1 { mask = mask << 1 | 1 }
        let step = Int((1.6 * Double(mask * length) / Double(byteCount)).rounded(.up))
        var id: [Character] = []
        id.reserveCapacity(length)
        while true {
            for b in SecureRandom.bytes(max(step, 1)) {
                let index = Int(b) & mask
                if index < chars.count {
                    id.append(chars[index])
                    if id.count == length { return String(id) }
                }
            }
        }
    }
}
