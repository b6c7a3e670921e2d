import MLService
import Testing

@Suite("TrainingText")
struct TrainingTextTests {
    @Test("the option wins over the environment, which wins over data/ beside the working directory and the executable")
    func candidates() {
        let env = [TrainingText.environmentVariable: "/env/text.txt"]
        #expect(TrainingText.candidates(explicit: "/x.txt", environment: env) == ["/x.txt"])
        #expect(TrainingText.candidates(explicit: nil, environment: env) == ["/env/text.txt"])
        let found = TrainingText.candidates(
            explicit: nil, environment: [:], currentDirectory: "/work", executable: "/repo/.build/release/ml-service")
        #expect(found.first == "/work/data/opticks.txt")
        #expect(found.contains("/repo/data/opticks.txt"))
        #expect(found.contains("/repo/.build/release/data/opticks.txt"))
    }

    @Test("a missing file is reported with every path tried")
    func missing() {
        #expect(
            throws: MLServiceError.training(
                "no training text found (tried /a.txt, /b.txt); pass --training-text PATH or set ML_SERVICE_TRAINING_TEXT")
        ) {
            try TrainingText.load(candidates: ["/a.txt", "/b.txt"])
        }
    }
}
