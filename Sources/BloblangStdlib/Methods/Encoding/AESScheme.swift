import Bloblang

/// The cipher and mode shared by `encrypt_aes` and `decrypt_aes`, checked as Benthos checks
/// them when the mapping is parsed: the key first, then the IV length, then the scheme.
struct AESScheme: Sendable {
    enum Mode: Sendable { case ctr, gcm, ofb, cbc }

    let cipher: AES
    let mode: Mode
    let iv: [UInt8]

    init(scheme: String, key: [UInt8], iv: [UInt8], unknownScheme: String) throws(RuntimeError) {
        do {
            cipher = try AES(key: key)
        } catch {
            throw RuntimeError(error.description)
        }
        self.iv = iv
        let needsBlockIV = ["ctr", "ofb", "cbc"].contains(scheme)
        if needsBlockIV && self.iv.count != AES.blockSize {
            throw RuntimeError("the key must match the initialisation vector size")
        }
        switch scheme {
        case "ctr": mode = .ctr
        case "gcm": mode = .gcm
        case "ofb": mode = .ofb
        case "cbc": mode = .cbc
        default: throw RuntimeError("\(unknownScheme): \(scheme)")
        }
    }

    func encrypt(_ plain: [UInt8]) throws(RuntimeError) -> [UInt8] {
        switch mode {
        case .ctr: return cipher.ctr(plain, iv: iv)
        case .ofb: return cipher.ofb(plain, iv: iv)
        case .cbc:
            guard plain.count % AES.blockSize == 0 else {
                throw RuntimeError("plaintext is not a multiple of the block size")
            }
            return cipher.cbcEncrypt(plain, iv: iv)
        case .gcm:
            do {
                return try AESGCM(cipher: cipher).seal(plain, nonce: iv)
            } catch {
                throw RuntimeError(error.description)
            }
        }
    }

    func decrypt(_ sealed: [UInt8]) throws(RuntimeError) -> [UInt8] {
        switch mode {
        case .ctr: return cipher.ctr(sealed, iv: iv)
        case .ofb: return cipher.ofb(sealed, iv: iv)
        case .cbc:
            guard sealed.count % AES.blockSize == 0 else {
                throw RuntimeError("ciphertext is not a multiple of the block size")
            }
            return cipher.cbcDecrypt(sealed, iv: iv)
        case .gcm:
            do {
                return try AESGCM(cipher: cipher).open(sealed, nonce: iv)
            } catch .authentication {
                throw RuntimeError("gcm decrypting failed: \(AESGCM.Failure.authentication)")
            } catch {
                throw RuntimeError(error.description)
            }
        }
    }
}
