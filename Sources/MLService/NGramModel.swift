import Foundation

/// A word-level n-gram language model (up to trigrams, backing off to bigrams and unigrams),
/// trained from plain text when the service starts.
///
/// Contexts are matched case-insensitively (`The light` and `the light` share counts); the
/// generated tokens keep the case they had in the training text. Paragraph ends are a token
/// of their own: generating one ends the completion with `finish_reason` `stop`.
///
/// Generation is deterministic: the same seed, prompt, order and temperature always give the
/// same tokens, and a shorter `maxTokens` gives a prefix of a longer one.
public struct NGramModel: Sendable {
    /// How many tokens the training text had (paragraph ends included).
    public let trainingTokens: Int

    /// Surface tokens by id. Id 0 is the paragraph end, which never appears in output.
    private let surface: [String]
    /// The case-folded key id of each surface id.
    private let keyOfSurface: [Int32]
    /// Case-folded token → key id.
    private let keyIDs: [String: Int32]
    private let unigram: Distribution
    private let bigram: [Int32: Distribution]
    private let trigram: [UInt64: Distribution]

    private static let end: Int32 = 0

    /// The number of distinct tokens the model can produce.
    public var vocabularySize: Int { surface.count - 1 }
    /// The number of distinct two-token contexts seen in training.
    public var trigramContexts: Int { trigram.count }

    /// Trains a model on `text`; blank lines separate paragraphs, `_` (italics marks) is dropped.
    /// - Throws: `MLServiceError.training` when the text has no tokens.
    public init(trainingText text: String) throws(MLServiceError) {
        var surface = ["\n\n"]
        var surfaceIDs: [String: Int32] = [:]
        var keyOfSurface: [Int32] = [0]
        var keyIDs: [String: Int32] = ["\n\n": 0]
        var stream: [Int32] = [Self.end]

        func intern(_ token: String) -> Int32 {
            if let id = surfaceIDs[token] { return id }
            let id = Int32(surface.count)
            surface.append(token)
            surfaceIDs[token] = id
            let key = token.lowercased()
            if let k = keyIDs[key] {
                keyOfSurface.append(k)
            } else {
                let k = Int32(keyIDs.count)
                keyIDs[key] = k
                keyOfSurface.append(k)
            }
            return id
        }

        var paragraph = ""
        func flush() {
            let tokens = Tokenizer.tokens(paragraph)
            paragraph = ""
            guard !tokens.isEmpty else { return }
            for t in tokens { stream.append(intern(t)) }
            stream.append(Self.end)
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy(\.isWhitespace) {
                flush()
            } else {
                paragraph += line.replacingOccurrences(of: "_", with: "")
                paragraph += "\n"
            }
        }
        flush()
        guard stream.count > 1 else { throw .training("the training text has no words") }

        var uni: [Int32: UInt32] = [:]
        var bi: [Int32: [Int32: UInt32]] = [:]
        var tri: [UInt64: [Int32: UInt32]] = [:]
        for i in 1..<stream.count {
            let next = stream[i]
            uni[next, default: 0] += 1
            let k1 = keyOfSurface[Int(stream[i - 1])]
            bi[k1, default: [:]][next, default: 0] += 1
            if i >= 2 {
                let k0 = keyOfSurface[Int(stream[i - 2])]
                tri[Self.pair(k0, k1), default: [:]][next, default: 0] += 1
            }
        }
        self.trainingTokens = stream.count
        self.surface = surface
        self.keyOfSurface = keyOfSurface
        self.keyIDs = keyIDs
        self.unigram = Distribution(uni)
        self.bigram = bi.mapValues(Distribution.init)
        self.trigram = tri.mapValues(Distribution.init)
    }

    /// Continues `prompt` with up to `maxTokens` tokens.
    /// - Parameters:
    ///   - order: 3 uses trigrams (backing off to bigrams, then unigrams), 2 bigrams, 1 unigrams.
    ///   - temperature: 0 always takes the most frequent next token; 1 samples by frequency;
    ///     higher values flatten the distribution.
    ///   - seed: with the other arguments, fixes the result.
    public func generate(prompt: String, maxTokens: Int, temperature: Double, order: Int, seed: UInt64) -> Generation {
        let promptTokens = Tokenizer.tokens(prompt)
        // The context starts at a paragraph start, so an empty prompt begins like a paragraph.
        var context: [Int32?] = [0]
        context.append(contentsOf: promptTokens.suffix(2).map { keyIDs[$0.lowercased()] })
        var rng = SplitMix64(seed: seed)
        var out: [String] = []
        var finish = FinishReason.length
        while out.count < maxTokens {
            let allowEnd = !out.isEmpty
            let dist = distribution(context: context, order: order, allowEnd: allowEnd)
            let next = dist.sample(temperature: temperature, rng: &rng, allowEnd: allowEnd)
            if next == Self.end {
                finish = .stop
                break
            }
            out.append(surface[Int(next)])
            context.append(keyOfSurface[Int(next)])
            if context.count > 2 { context.removeFirst(context.count - 2) }
        }
        return Generation(tokens: out, promptTokens: promptTokens.count, finishReason: finish)
    }

    /// The distribution of the highest order the context allows. Before the first token, a
    /// context that only ever ended a paragraph backs off, so no completion is empty.
    private func distribution(context: [Int32?], order: Int, allowEnd: Bool) -> Distribution {
        let n = context.count
        func usable(_ d: Distribution?) -> Distribution? {
            guard let d else { return nil }
            return allowEnd || d.ids != [Self.end] ? d : nil
        }
        if order >= 3, n >= 2, let a = context[n - 2], let b = context[n - 1], let d = usable(trigram[Self.pair(a, b)]) {
            return d
        }
        if order >= 2, n >= 1, let b = context[n - 1], let d = usable(bigram[b]) {
            return d
        }
        return unigram
    }

    private static func pair(_ a: Int32, _ b: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b))
    }
}

/// Why a generation stopped.
public enum FinishReason: String, Sendable {
    /// The model produced the end of a paragraph.
    case stop
    /// `max_tokens` were produced.
    case length
}

/// The result of `NGramModel.generate`.
public struct Generation: Sendable, Equatable {
    /// The generated tokens, in order.
    public let tokens: [String]
    /// How many tokens the prompt had.
    public let promptTokens: Int
    /// Why generation stopped.
    public let finishReason: FinishReason

    /// The generated text (`Tokenizer.join(tokens)`).
    public var text: String { Tokenizer.join(tokens) }
    /// How many tokens were generated.
    public var completionTokens: Int { tokens.count }
}

/// Next-token counts, sorted by token id so that sampling does not depend on hash order.
struct Distribution: Sendable {
    let ids: [Int32]
    let counts: [UInt32]

    init(_ counts: [Int32: UInt32]) {
        let sorted = counts.sorted { $0.key < $1.key }
        ids = sorted.map(\.key)
        self.counts = sorted.map(\.value)
    }

    /// Picks a token id; `allowEnd: false` skips the paragraph end (id 0) unless it is all
    /// there is (the model's `distribution` avoids handing such a distribution over).
    func sample(temperature: Double, rng: inout SplitMix64, allowEnd: Bool) -> Int32 {
        let start = (!allowEnd && ids.first == 0 && ids.count > 1) ? 1 : 0
        if temperature <= 0 {
            var best = start
            for i in start..<ids.count where counts[i] > counts[best] { best = i }
            return ids[best]
        }
        // Weights are (count / max)^(1/T): dividing by the largest count keeps low temperatures
        // (large exponents) from overflowing to infinity.
        let exponent = 1 / temperature
        var largest: UInt32 = 1
        for i in start..<ids.count { largest = max(largest, counts[i]) }
        var weights: [Double] = []
        weights.reserveCapacity(ids.count - start)
        var total = 0.0
        for i in start..<ids.count {
            let ratio = Double(counts[i]) / Double(largest)
            let w = exponent == 1 ? ratio : pow(ratio, exponent)
            weights.append(w)
            total += w
        }
        var r = rng.nextUnit() * total
        for (offset, w) in weights.enumerated() {
            r -= w
            if r < 0 { return ids[start + offset] }
        }
        return ids[ids.count - 1]
    }
}
