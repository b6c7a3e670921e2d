import Bloblang

/// A validated generation request: the body of `POST /inference` and `POST /v1/completions`.
///
/// Fields: `prompt` (string, required), `model` (optional, one of `ModelCatalog.models`),
/// `max_tokens` (integer 1...`maxTokensLimit`, default 16), `temperature` (number 0...2,
/// default 1), `seed` (optional non-negative integer). Other fields are ignored, so clients
/// written for OpenAI-compatible servers can send theirs.
public struct CompletionRequest: Sendable, Equatable {
    /// The largest `max_tokens` accepted.
    public static let maxTokensLimit = 4096
    /// `max_tokens` when the body has none (OpenAI's default for completions).
    public static let defaultMaxTokens = 16

    /// The model id.
    public var model: String
    /// The text to continue.
    public var prompt: String
    /// The most tokens to generate.
    public var maxTokens: Int
    /// Sampling temperature, 0 (greedy) to 2.
    public var temperature: Double
    /// A per-request seed, mixed with the server's `--seed`.
    public var seed: UInt64?

    /// A request with every field given.
    public init(model: String, prompt: String, maxTokens: Int, temperature: Double, seed: UInt64? = nil) {
        self.model = model
        self.prompt = prompt
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.seed = seed
    }

    /// Parses and validates a JSON body.
    /// - Throws: `MLServiceError.badRequest` naming every bad field at once.
    public init(json body: [UInt8], catalog: ModelCatalog) throws(MLServiceError) {
        let value: Value
        do {
            value = try JSONReader.parse(body)
        } catch {
            throw .badRequest("the request body is not valid JSON: \(error)")
        }
        guard case .object(let fields) = value else {
            throw .badRequest("the request body must be a JSON object, got \(Self.describe(value))")
        }
        var problems: [String] = []

        var prompt = ""
        switch fields["prompt"] {
        case .string(let s): prompt = s
        case .array(let items) where items.count == 1:
            // OpenAI clients may send a one-element list of prompts.
            if case .string(let s) = items[0] { prompt = s } else { problems.append("prompt must be a string") }
        case nil, .null: problems.append("prompt is required")
        case let other?: problems.append("prompt must be a string, got \(Self.describe(other))")
        }

        var model = catalog.defaultModel.id
        switch fields["model"] {
        case nil, .null: break
        case .string(let s):
            if catalog.model(s) != nil {
                model = s
            } else {
                problems.append("model \(Self.quote(s)) is not served here; available: \(catalog.ids.joined(separator: ", "))")
            }
        case let other?: problems.append("model must be a string, got \(Self.describe(other))")
        }

        var maxTokens = Self.defaultMaxTokens
        if let v = fields["max_tokens"], v.isPresent {
            if let n = Self.integer(v), n >= 1, n <= Self.maxTokensLimit {
                maxTokens = Int(n)
            } else {
                problems.append("max_tokens must be an integer from 1 to \(Self.maxTokensLimit), got \(Self.describe(v))")
            }
        }

        var temperature = 1.0
        if let v = fields["temperature"], v.isPresent {
            if let t = Self.number(v), t >= 0, t <= 2 {
                temperature = t
            } else {
                problems.append("temperature must be a number from 0 to 2, got \(Self.describe(v))")
            }
        }

        var seed: UInt64?
        if let v = fields["seed"], v.isPresent {
            if let n = Self.integer(v), n >= 0 {
                seed = UInt64(n)
            } else if case .uint(let u) = v {
                seed = u
            } else {
                problems.append("seed must be a non-negative integer, got \(Self.describe(v))")
            }
        }

        guard problems.isEmpty else { throw .badRequest(problems.joined(separator: "; ")) }
        self.init(model: model, prompt: prompt, maxTokens: maxTokens, temperature: temperature, seed: seed)
    }

    // MARK: - Field helpers

    private static func integer(_ v: Value) -> Int64? {
        switch v {
        case .int(let n): n
        case .uint(let u): u <= UInt64(Int64.max) ? Int64(u) : nil
        case .float(let d): d.rounded() == d && abs(d) < 1e15 ? Int64(d) : nil
        default: nil
        }
    }

    private static func number(_ v: Value) -> Double? {
        switch v {
        case .int(let n): Double(n)
        case .uint(let u): Double(u)
        case .float(let d): d.isFinite ? d : nil
        default: nil
        }
    }

    /// A short description of a JSON value for error messages (long strings are cut).
    static func describe(_ v: Value) -> String {
        switch v {
        case .string(let s): quote(s)
        case .null: "null"
        case .bool(let b): "\(b)"
        case .array: "an array"
        case .object: "an object"
        default: JSONWriter.compactString(v)
        }
    }

    static func quote(_ s: String) -> String {
        let cut = s.count > 40 ? String(s.prefix(40)) + "…" : s
        return JSONWriter.compactString(.string(cut), escapeHTML: false)
    }
}

extension Value {
    /// False for JSON `null`, which clients send for "use the default".
    fileprivate var isPresent: Bool {
        if case .null = self { return false }
        return true
    }
}
