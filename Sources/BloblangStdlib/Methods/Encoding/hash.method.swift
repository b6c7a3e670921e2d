import Bloblang

extension MethodSpec {
    static let hash = MethodSpec(
        "hash", category: .encoding,
        summary: "Hashes a string or byte array with the chosen algorithm, giving bytes.",
        description: """
            Algorithms: `hmac_sha1`, `hmac_sha256`, `hmac_sha512` (these need `key`), `md5`, `sha1`, \
            `sha256`, `sha512`, `sha3_256`, `sha3_512`, `xxhash64`, `crc32` and `fnv32` (FNV-1, 32 bit). \
            The result is bytes, usually followed by `.encode("hex")`; `xxhash64` and `fnv32` give \
            the decimal digits of the hash. `polynomial` picks the CRC-32 table: `IEEE` (default), \
            `Castagnoli` or `Koopman`.
            """,
        params: [
            .string("algorithm", "The hash algorithm."),
            .any("key", "The key of the HMAC algorithms: a string or byte array.").optional(),
            .string("polynomial", "The `crc32` polynomial: `IEEE`, `Castagnoli` or `Koopman`.", default: "IEEE"),
        ],
        examples: [
            Example(#"root.md5 = this.value.hash("md5").encode("hex")"#, #"{"value":"hello world"}"#,
                    #"{"md5":"5eb63bbbe01eeed093cb22bb8f5acdc3"}"#),
            Example(#"root.mac = this.value.hash("hmac_sha256", "secret").encode("hex")"#, #"{"value":"hello world"}"#,
                    #"{"mac":"734cc62f32841568f45715aeb9f4d7891324e6d948e4c6c60c0621cdac48623a"}"#),
            Example(#"root.crc = this.value.hash(algorithm: "crc32", polynomial: "Castagnoli").encode("hex")"#,
                    #"{"value":"hello world"}"#, #"{"crc":"c99465aa"}"#),
            Example(#"root.id = this.value.hash("xxhash64").string()"#, #"{"value":"abc"}"#, #"{"id":"4952883123889572249"}"#),
        ],
        prepare: { args in
            let algorithm = args.string(0)
            let key = args.isPresent(1) ? try args.rawBytes(1) : []
            let polynomial = args.string(2)
            func requireKey() throws(RuntimeError) {
                if key.isEmpty { throw RuntimeError("hash algorithm \(algorithm) requires a key argument") }
            }
            let digest: @Sendable ([UInt8]) throws(RuntimeError) -> [UInt8]
            switch algorithm {
            case "hmac_sha1", "hmac-sha1":
                try requireKey()
                digest = { HMAC<SHA1>.authenticate($0, key: key) }
            case "hmac_sha256", "hmac-sha256":
                try requireKey()
                digest = { HMAC<SHA256>.authenticate($0, key: key) }
            case "hmac_sha512", "hmac-sha512":
                try requireKey()
                digest = { HMAC<SHA512>.authenticate($0, key: key) }
            case "md5": digest = { MD5.hash($0) }
            case "sha1": digest = { SHA1.hash($0) }
            case "sha256": digest = { SHA256.hash($0) }
            case "sha512": digest = { SHA512.hash($0) }
            case "sha3_256": digest = { SHA3.hash($0) }
            case "sha3_512":
                digest = {
                    var h = SHA3(outputBits: 512)
                    h.update($0)
                    return h.finalize()
                }
            case "xxhash64": digest = { Array(String(XXHash64.hash($0)).utf8) }
            case "fnv32": digest = { Array(String(FNV1.hash32($0)).utf8) }
            case "crc32":
                // Benthos checks the polynomial when hashing, not when the mapping is parsed.
                let table: CRC32? =
                    switch polynomial {
                    case "IEEE": .ieee
                    case "Castagnoli": .castagnoli
                    case "Koopman": .koopman
                    default: nil
                    }
                digest = { b throws(RuntimeError) in
                    guard let table else { throw RuntimeError("unsupported crc32 hash key \(GoStrconv.quote(polynomial))") }
                    var out: [UInt8] = []
                    out.appendBigEndian(table.checksum(b))
                    return out
                }
            default:
                throw RuntimeError("unrecognized hash type: \(algorithm)")
            }
            return { target, _ in .bytes(try digest(try target.encodingBytes())) }
        }
    )
}
