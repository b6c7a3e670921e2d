/// The block cipher modes behind `encrypt_aes` and `decrypt_aes`, with Go's `crypto/cipher`
/// conventions (a 16-byte IV for CTR/OFB/CBC, a 12-byte nonce and 16-byte tag for GCM).
extension AES {
    /// CTR mode: XORs with E(counter), the counter being the IV read as a 128-bit
    /// big-endian integer and incremented per block. Encryption and decryption are the same.
    func ctr(_ input: [UInt8], iv: [UInt8]) -> [UInt8] {
        var counter = iv
        var out = input
        var keystream = [UInt8](repeating: 0, count: 16)
        var i = 0
        while i < out.count {
            counter.withUnsafeBytes { c in keystream.withUnsafeMutableBytes { k in encrypt(c.baseAddress!, k.baseAddress!) } }
            let n = min(16, out.count - i)
            for j in 0..<n { out[i + j] ^= keystream[j] }
            i += n
            var j = 15
            while j >= 0 {
                counter[j] &+= 1
                if counter[j] != 0 { break }
                j -= 1
            }
        }
        return out
    }

    /// OFB mode: XORs with the chain E(IV), E(E(IV)), ...
    func ofb(_ input: [UInt8], iv: [UInt8]) -> [UInt8] {
        var feedback = iv
        var out = input
        var i = 0
        while i < out.count {
            feedback.withUnsafeMutableBytes { f in encrypt(UnsafeRawPointer(f.baseAddress!), f.baseAddress!) }
            let n = min(16, out.count - i)
            for j in 0..<n { out[i + j] ^= feedback[j] }
            i += n
        }
        return out
    }

    /// CBC encryption of whole blocks (the caller checks the length).
    func cbcEncrypt(_ input: [UInt8], iv: [UInt8]) -> [UInt8] {
        var out = input
        var previous = iv
        out.withUnsafeMutableBytes { o in
            var i = 0
            while i + 16 <= o.count {
                for j in 0..<16 { o[i + j] ^= previous[j] }
                encrypt(UnsafeRawPointer(o.baseAddress! + i), o.baseAddress! + i)
                for j in 0..<16 { previous[j] = o[i + j] }
                i += 16
            }
        }
        return out
    }

    /// CBC decryption of whole blocks (the caller checks the length).
    func cbcDecrypt(_ input: [UInt8], iv: [UInt8]) -> [UInt8] {
        var out = input
        out.withUnsafeMutableBytes { o in
            var i = 0
            while i + 16 <= o.count {
                decrypt(UnsafeRawPointer(o.baseAddress! + i), o.baseAddress! + i)
                for j in 0..<16 { o[i + j] ^= (i == 0 ? iv[j] : input[i - 16 + j]) }
                i += 16
            }
        }
        return out
    }
}

/// GCM (NIST SP 800-38D) over AES with a 16-byte tag and no additional data.
struct AESGCM {
    static let tagSize = 16
    static let standardNonceSize = 12

    /// Errors with Go's wording.
    enum Failure: Error, CustomStringConvertible {
        case nonceLength
        case authentication
        var description: String {
            switch self {
            case .nonceLength: "crypto/cipher: incorrect nonce length given to GCM"
            case .authentication: "cipher: message authentication failed"
            }
        }
    }

    private let cipher: AES
    private let hHi: UInt64
    private let hLo: UInt64

    init(cipher: AES) {
        self.cipher = cipher
        let h = cipher.encryptBlock([UInt8](repeating: 0, count: 16))
        hHi = h.loadBigEndianUInt64(at: 0)
        hLo = h.loadBigEndianUInt64(at: 8)
    }

    /// Returns ciphertext followed by the tag.
    func seal(_ plaintext: [UInt8], nonce: [UInt8]) throws(Failure) -> [UInt8] {
        guard nonce.count == AESGCM.standardNonceSize else { throw .nonceLength }
        let j0 = nonce + [0, 0, 0, 1]
        let ciphertext = cipher.ctr(plaintext, iv: incremented(j0))
        return ciphertext + tag(ciphertext, j0: j0)
    }

    /// Checks the tag and returns the plaintext.
    func open(_ sealed: [UInt8], nonce: [UInt8]) throws(Failure) -> [UInt8] {
        guard nonce.count == AESGCM.standardNonceSize else { throw .nonceLength }
        guard sealed.count >= AESGCM.tagSize else { throw .authentication }
        let ciphertext = Array(sealed[0..<(sealed.count - AESGCM.tagSize)])
        let j0 = nonce + [0, 0, 0, 1]
        let expected = tag(ciphertext, j0: j0)
        var diff: UInt8 = 0
        for i in 0..<AESGCM.tagSize { diff |= expected[i] ^ sealed[ciphertext.count + i] }
        guard diff == 0 else { throw .authentication }
        return cipher.ctr(ciphertext, iv: incremented(j0))
    }

    /// inc32 of SP 800-38D: increments the last 32 bits only.
    private func incremented(_ block: [UInt8]) -> [UInt8] {
        var b = block
        let c = b.loadBigEndianUInt32(at: 12) &+ 1
        for i in 0..<4 { b[12 + i] = UInt8(truncatingIfNeeded: c >> UInt32(24 - 8 * i)) }
        return b
    }

    private func tag(_ ciphertext: [UInt8], j0: [UInt8]) -> [UInt8] {
        var yHi: UInt64 = 0, yLo: UInt64 = 0
        var i = 0
        while i < ciphertext.count {
            var block = [UInt8](repeating: 0, count: 16)
            let n = min(16, ciphertext.count - i)
            for j in 0..<n { block[j] = ciphertext[i + j] }
            yHi ^= block.loadBigEndianUInt64(at: 0)
            yLo ^= block.loadBigEndianUInt64(at: 8)
            (yHi, yLo) = multiplyH(yHi, yLo)
            i += 16
        }
        // The length block: 64-bit bit lengths of the (empty) additional data and the ciphertext.
        yLo ^= UInt64(ciphertext.count) &* 8
        (yHi, yLo) = multiplyH(yHi, yLo)
        var s: [UInt8] = []
        s.appendBigEndian(yHi)
        s.appendBigEndian(yLo)
        let mask = cipher.encryptBlock(j0)
        return (0..<16).map { s[$0] ^ mask[$0] }
    }

    /// Multiplication by H in GF(2^128) with GCM's reflected bit order.
    private func multiplyH(_ xHi: UInt64, _ xLo: UInt64) -> (UInt64, UInt64) {
        var zHi: UInt64 = 0, zLo: UInt64 = 0
        var vHi = hHi, vLo = hLo
        for i in 0..<128 {
            let bit = i < 64 ? (xHi >> UInt64(63 - i)) & 1 : (xLo >> UInt64(127 - i)) & 1
            if bit == 1 {
                zHi ^= vHi
                zLo ^= vLo
            }
            let carry = vLo & 1
            vLo = (vLo >> 1) | (vHi << 63)
            vHi >>= 1
            if carry == 1 { vHi ^= 0xe100_0000_0000_0000 }
        }
        return (zHi, zLo)
    }
}

extension Array where Element == UInt8 {
    func loadBigEndianUInt64(at offset: Int) -> UInt64 {
        var v: UInt64 = 0
        for i in 0..<8 { v = v << 8 | UInt64(self[offset + i]) }
        return v
    }

    func loadBigEndianUInt32(at offset: Int) -> UInt32 {
        var v: UInt32 = 0
        for i in 0..<4 { v = v << 8 | UInt32(self[offset + i]) }
        return v
    }
}
