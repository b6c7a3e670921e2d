import Foundation
import MLService
import Testing

/// Shared test inputs: the repository's training text and a model trained on it once.
enum Fixtures {
    /// The package root: two folders up from this file.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `data/opticks.txt`, the text the service trains on.
    static let trainingTextPath = packageRoot.appendingPathComponent("data/opticks.txt").path

    /// The model trained on the real training text (trained on first use, shared by all tests).
    static let opticks: Result<NGramModel, MLServiceError> = {
        do throws(MLServiceError) {
            let (_, text) = try TrainingText.load(candidates: [trainingTextPath])
            return .success(try NGramModel(trainingText: text))
        } catch {
            return .failure(error)
        }
    }()

    /// The trained model, or a test failure naming why it is missing.
    static func model() throws -> NGramModel { try opticks.get() }
}
