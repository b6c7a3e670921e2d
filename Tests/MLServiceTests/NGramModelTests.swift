import MLService
import Testing

@Suite("NGramModel")
struct NGramModelTests {
    @Test("training on the repository text gives a real vocabulary")
    func trainsOnOpticks() throws {
        let model = try Fixtures.model()
        #expect(model.trainingTokens > 100_000)
        #expect(model.vocabularySize > 4_000)
        #expect(model.trigramContexts > 30_000)
    }

    @Test("a text with no words cannot be trained on")
    func emptyText() {
        #expect(throws: MLServiceError.training("the training text has no words")) {
            try NGramModel(trainingText: " \n\n  \n")
        }
    }

    @Test("greedy decoding follows the most frequent trigram, then the bigram, and stops at a paragraph end")
    func greedyFollowsCounts() throws {
        // "red green" is followed by "blue" twice and "black" once; "green" alone is also
        // followed by "white" in a different context, so the trigram must win over the bigram.
        let text = """
            red green blue sky

            red green blue sky

            red green black night

            dark green white snow white snow white snow
            """
        let model = try NGramModel(trainingText: text)
        let g = model.generate(prompt: "Red GREEN", maxTokens: 10, temperature: 0, order: 3, seed: 1)
        #expect(g.tokens == ["blue", "sky"])
        #expect(g.finishReason == .stop)
        #expect(g.promptTokens == 2)
        // With bigrams only, "green" is followed by "blue" (2), "black" (1), "white" (1).
        let b = model.generate(prompt: "dark green", maxTokens: 1, temperature: 0, order: 2, seed: 1)
        #expect(b.tokens == ["blue"])
        #expect(b.finishReason == .length)
        // The trigram "dark green" says "white".
        let t = model.generate(prompt: "dark green", maxTokens: 1, temperature: 0, order: 3, seed: 1)
        #expect(t.tokens == ["white"])
    }

    @Test("the same seed and prompt give the same completion; another seed gives another one")
    func deterministic() throws {
        let model = try Fixtures.model()
        let a = model.generate(prompt: "The Rays of Light", maxTokens: 60, temperature: 1, order: 3, seed: 7)
        let b = model.generate(prompt: "The Rays of Light", maxTokens: 60, temperature: 1, order: 3, seed: 7)
        #expect(a == b)
        let others = (8..<13).map {
            model.generate(prompt: "The Rays of Light", maxTokens: 60, temperature: 1, order: 3, seed: UInt64($0))
        }
        #expect(others.contains { $0.tokens != a.tokens })
    }

    @Test(
        "generation never exceeds max_tokens, and a shorter run is a prefix of a longer one", arguments: [1, 2, 5, 17, 64, 200])
    func respectsMaxTokens(maxTokens: Int) throws {
        let model = try Fixtures.model()
        let long = model.generate(prompt: "colours", maxTokens: 400, temperature: 0.9, order: 3, seed: 3)
        for seed in UInt64(0)..<20 {
            let g = model.generate(prompt: "the Light of", maxTokens: maxTokens, temperature: 0.9, order: 3, seed: seed)
            #expect(g.completionTokens <= maxTokens)
            #expect(g.completionTokens >= 1)
            if g.finishReason == .length { #expect(g.completionTokens == maxTokens) }
        }
        let short = model.generate(prompt: "colours", maxTokens: maxTokens, temperature: 0.9, order: 3, seed: 3)
        #expect(Array(long.tokens.prefix(short.tokens.count)) == short.tokens)
    }

    @Test("the reported completion tokens are the tokens of the output text")
    func countsMatchTokenizer() throws {
        let model = try Fixtures.model()
        for seed in UInt64(0)..<40 {
            for order in 1...3 {
                let g = model.generate(prompt: "Prism", maxTokens: 80, temperature: 1.3, order: order, seed: seed)
                #expect(Tokenizer.tokens(g.text) == g.tokens)
            }
        }
    }

    @Test("the output is not an echo of the prompt and comes from the training vocabulary")
    func notAnEcho() throws {
        let model = try Fixtures.model()
        let prompt = "zebra quantum spaceship"
        let g = model.generate(prompt: prompt, maxTokens: 30, temperature: 1, order: 3, seed: 1)
        #expect(!g.text.contains("zebra"))
        #expect(!g.text.isEmpty)
        #expect(g.promptTokens == 3)
    }

    @Test("temperature 0 ignores the seed")
    func greedyIgnoresSeed() throws {
        let model = try Fixtures.model()
        let a = model.generate(prompt: "white Light", maxTokens: 30, temperature: 0, order: 3, seed: 1)
        let b = model.generate(prompt: "white Light", maxTokens: 30, temperature: 0, order: 3, seed: 99)
        #expect(a == b)
    }
}
