import Bloblang

extension Stdlib {
    /// The methods of this category, in documentation order.
    static let encodingMethods: [MethodSpec] = [
        .compress, .decode, .decompress, .decryptAES, .encode, .encryptAES, .hash, .uuidV5,
    ]
}
