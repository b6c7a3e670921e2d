import Bloblang

extension Stdlib {
    /// The functions of this category, in documentation order.
    static let fakeDataFunctions: [FunctionSpec] = [
        .ksuid, .nanoid, .randomInt, .uuidV4, .uuidV7,
    ]
}
