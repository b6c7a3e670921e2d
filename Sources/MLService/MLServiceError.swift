/// What can go wrong in the reference ML service, worded for the operator or the client.
public enum MLServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The training text could not be read or has no words.
    case training(String)
    /// A request body or field is invalid (answered with 400).
    case badRequest(String)
    /// The server could not start (address in use, bad host).
    case startup(String)

    /// The message without the case name.
    public var description: String {
        switch self {
        case .training(let m): "training the model failed: \(m)"
        case .badRequest(let m): m
        case .startup(let m): "ml-service could not start: \(m)"
        }
    }
}
