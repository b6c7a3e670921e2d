/// HMAC (RFC 2104) over any `HashFunction`.
enum HMAC<H: HashFunction> {
    /// The authentication code of `message` under `key`.
    static func authenticate(_ message: [UInt8], key: [UInt8]) -> [UInt8] {
        var k = key.count > H.blockSize ? H.hash(key) : key
        k += [UInt8](repeating: 0, count: H.blockSize - k.count)
        var inner = H()
        inner.update(k.map { $0 ^ 0x36 })
        inner.update(message)
        var outer = H()
        outer.update(k.map { $0 ^ 0x5c })
        outer.update(inner.finalize())
        return outer.finalize()
    }
}
