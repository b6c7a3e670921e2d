import MLService
import Testing

@Suite("CompletionRequest")
struct CompletionRequestTests {
    let catalog = ModelCatalog()

    private func parse(_ json: String) throws(MLServiceError) -> CompletionRequest {
        try CompletionRequest(json: Array(json.utf8), catalog: catalog)
    }

    @Test("defaults: model ngram-3, max_tokens 16, temperature 1, no seed")
    func defaults() throws {
        let r = try parse(#"{"prompt": "hello"}"#)
        #expect(r == CompletionRequest(model: "ngram-3", prompt: "hello", maxTokens: 16, temperature: 1))
    }

    @Test("every field is read; unknown fields and nulls are ignored")
    func allFields() throws {
        let r = try parse(
            #"{"prompt": ["hi"], "model": "ngram-1", "max_tokens": 5, "temperature": 0.25, "seed": 9, "user": "x", "stop": null}"#
        )
        #expect(r == CompletionRequest(model: "ngram-1", prompt: "hi", maxTokens: 5, temperature: 0.25, seed: 9))
    }

    @Test("one error lists every bad field")
    func everyProblem() {
        #expect(
            throws: MLServiceError.badRequest(
                "prompt must be a string, got 5; model \"gpt-4\" is not served here; available: ngram-3, ngram-2, ngram-1, ngram; "
                    + "max_tokens must be an integer from 1 to 4096, got 0; temperature must be a number from 0 to 2, got \"hot\"; "
                    + "seed must be a non-negative integer, got -1")
        ) {
            try parse(#"{"prompt": 5, "model": "gpt-4", "max_tokens": 0, "temperature": "hot", "seed": -1}"#)
        }
    }

    @Test(
        "bodies that are not a JSON object are refused",
        arguments: [
            ("not json", "the request body is not valid JSON"),
            ("[1, 2]", "the request body must be a JSON object, got an array"),
            ("{}", "prompt is required"),
            (#"{"prompt": "x", "max_tokens": 1.5}"#, "max_tokens must be an integer from 1 to 4096, got 1.5"),
            (#"{"prompt": "x", "max_tokens": 5000}"#, "max_tokens must be an integer from 1 to 4096, got 5000"),
        ])
    func refused(body: String, message: String) {
        do {
            _ = try parse(body)
            Issue.record("accepted \(body)")
        } catch {
            #expect(error.description.hasPrefix(message))
        }
    }
}
