import Foundation

/// Finds and reads the text the model is trained on.
public enum TrainingText {
    /// The file name looked for under `data/`.
    public static let defaultFileName = "opticks.txt"
    /// The environment variable naming the file (the `--training-text` option wins over it).
    public static let environmentVariable = "ML_SERVICE_TRAINING_TEXT"

    /// The candidate paths in the order they are tried: the explicit path, the environment
    /// variable, `data/opticks.txt` under the working directory, then under each parent of the
    /// executable's directory (so `.build/release/ml-service` finds the repository's `data/`).
    public static func candidates(
        explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: String = FileManager.default.currentDirectoryPath,
        executable: String = CommandLine.arguments.first ?? ""
    ) -> [String] {
        if let explicit { return [explicit] }
        if let env = environment[environmentVariable], !env.isEmpty { return [env] }
        var out = [currentDirectory + "/data/" + defaultFileName]
        var dir = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            out.append(dir.appendingPathComponent("data").appendingPathComponent(defaultFileName).path)
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { break }
            dir = parent
        }
        return out
    }

    /// Reads the first candidate that exists.
    /// - Returns: the path used and its text.
    /// - Throws: `MLServiceError.training` listing the paths tried, or why the file was unreadable.
    public static func load(candidates: [String]) throws(MLServiceError) -> (path: String, text: String) {
        for path in candidates where FileManager.default.fileExists(atPath: path) {
            do {
                return (path, try String(contentsOfFile: path, encoding: .utf8))
            } catch {
                throw .training("cannot read \(path) as UTF-8 text: \(error.localizedDescription)")
            }
        }
        throw .training(
            "no training text found (tried \(candidates.joined(separator: ", "))); "
                + "pass --training-text PATH or set \(environmentVariable)")
    }
}
