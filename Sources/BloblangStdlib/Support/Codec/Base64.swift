/// Base64 (RFC 4648) in the four flavours Go's `encoding/base64` offers.
///
/// Decoding follows Go's streaming decoder (`base64.NewDecoder` read to the end), which is
/// what Benthos runs: CR and LF are ignored, a padded input that stops short of a whole
/// quantum ends with `unexpected EOF`, and errors name the offending byte offset.
struct Base64: Sendable {
    let alphabet: [UInt8]
    let padded: Bool
    private let decodeMap: [UInt8]

    static let standard = Base64(
        alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", padded: true)
    static let url = Base64(
        alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", padded: true)
    static let rawStandard = Base64(alphabet: standard.alphabetString, padded: false)
    static let rawURL = Base64(alphabet: url.alphabetString, padded: false)

    private var alphabetString: String { String(decoding: alphabet, as: UTF8.self) }

    init(alphabet: String, padded: Bool) {
        self.alphabet = Array(alphabet.utf8)
        self.padded = padded
        var map = [UInt8](repeating: 0xff, count: 256)
        for (i, c) in self.alphabet.enumerated() { map[Int(c)] = UInt8(i) }
        decodeMap = map
    }

    func encode(_ input: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((input.count + 2) / 3 * 4)
        alphabet.withUnsafeBufferPointer { a in
            input.withUnsafeBufferPointer { s in
                var i = 0
                while i + 3 <= s.count {
                    let v = UInt32(s[i]) << 16 | UInt32(s[i + 1]) << 8 | UInt32(s[i + 2])
                    out.append(a[Int(v >> 18)])
                    out.append(a[Int((v >> 12) & 63)])
                    out.append(a[Int((v >> 6) & 63)])
                    out.append(a[Int(v & 63)])
                    i += 3
                }
                let rest = s.count - i
                if rest > 0 {
                    var v = UInt32(s[i]) << 16
                    if rest == 2 { v |= UInt32(s[i + 1]) << 8 }
                    out.append(a[Int(v >> 18)])
                    out.append(a[Int((v >> 12) & 63)])
                    if rest == 2 { out.append(a[Int((v >> 6) & 63)]) }
                    if padded { out.append(contentsOf: rest == 2 ? [61] : [61, 61]) }
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes like Go's streaming decoder read to the end.
    func decode(_ input: [UInt8]) throws(CodecError) -> [UInt8] {
        let src = input.filter { $0 != 0x0a && $0 != 0x0d }
        let whole = src.count / 4 * 4
        var out: [UInt8] = []
        out.reserveCapacity(src.count / 4 * 3 + 3)
        try decodeQuanta(src[0..<whole], into: &out)
        if whole < src.count {
            if padded { throw .unexpectedEOF }
            // Unpadded: the final fragment is decoded on its own, so offsets restart at 0.
            try decodeQuanta(src[whole...], into: &out)
        }
        return out
    }

    private func illegal(_ offset: Int) -> CodecError {
        CodecError("illegal base64 data at input byte \(offset)")
    }

    /// Go's `Encoding.Decode` over one buffer (offsets are relative to its start).
    private func decodeQuanta(_ slice: ArraySlice<UInt8>, into out: inout [UInt8]) throws(CodecError) {
        let src = Array(slice)
        let n = src.count
        var si = 0
        while true {
            var vals: (UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0)
            var count = 0
            var trailingGarbageAt: Int? = nil
            var ended = false
            quantum: while count < 4 {
                if si == n {
                    if count == 0 { return }
                    if count == 1 || padded { throw illegal(si - count) }
                    ended = true
                    break quantum
                }
                let c = src[si]
                si += 1
                let v = decodeMap[Int(c)]
                if v != 0xff {
                    switch count {
                    case 0: vals.0 = UInt32(v)
                    case 1: vals.1 = UInt32(v)
                    case 2: vals.2 = UInt32(v)
                    default: vals.3 = UInt32(v)
                    }
                    count += 1
                    continue
                }
                guard padded, c == 61 else { throw illegal(si - 1) }
                // Padding: only after two or three symbols, and "==" after two.
                if count < 2 { throw illegal(si - 1) }
                if count == 2 {
                    if si == n { throw illegal(n) }
                    if src[si] != 61 { throw illegal(si - 1) }
                    si += 1
                }
                if si < n { trailingGarbageAt = si }
                ended = true
                break quantum
            }
            let v = vals.0 << 18 | vals.1 << 12 | vals.2 << 6 | vals.3
            out.append(UInt8(truncatingIfNeeded: v >> 16))
            if count >= 3 { out.append(UInt8(truncatingIfNeeded: v >> 8)) }
            if count == 4 { out.append(UInt8(truncatingIfNeeded: v)) }
            if let at = trailingGarbageAt { throw illegal(at) }
            if ended { return }
        }
    }
}
