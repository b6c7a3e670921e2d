/// The models the service answers for: the same trained n-gram counts used up to order 3, 2 or 1.
/// `ngram` is another name for `ngram-3`, the name the platform's scripts and examples use.
public struct ModelCatalog: Sendable {
    /// One served model.
    public struct Model: Sendable, Equatable {
        /// The id clients send as `model`.
        public let id: String
        /// The n-gram order used (3 = trigram with backoff).
        public let order: Int
    }

    /// Every model, the default first.
    public let models: [Model]

    /// The standard catalog: `ngram-3` (default), `ngram-2`, `ngram-1`, and `ngram` (= `ngram-3`).
    public init() {
        models = [
            Model(id: "ngram-3", order: 3), Model(id: "ngram-2", order: 2), Model(id: "ngram-1", order: 1),
            Model(id: "ngram", order: 3),
        ]
    }

    /// The model used when a request names none.
    public var defaultModel: Model { models[0] }
    /// The ids, in catalog order.
    public var ids: [String] { models.map(\.id) }
    /// The model with this id, if served.
    public func model(_ id: String) -> Model? { models.first { $0.id == id } }
}
