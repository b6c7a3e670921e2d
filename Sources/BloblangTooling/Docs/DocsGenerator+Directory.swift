import Foundation

extension DocsGenerator {
    /// Writes every page into `directory`, creating it when needed, and returns the names of
    /// the files whose contents changed.
    /// - Throws: the file system's error when the folder or a file cannot be written.
    @discardableResult
    public func write(to directory: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var changed: [String] = []
        for file in render() {
            let path = (directory as NSString).appendingPathComponent(file.name)
            if Self.read(path) == file.contents { continue }
            try Data(file.contents.utf8).write(to: URL(fileURLWithPath: path))
            changed.append(file.name)
        }
        return changed
    }

    /// The pages in `directory` that are missing or differ from what `render()` gives.
    /// Other files in the folder are not looked at.
    public func staleFiles(in directory: String) -> [String] {
        render().compactMap { file in
            let path = (directory as NSString).appendingPathComponent(file.name)
            return Self.read(path) == file.contents ? nil : file.name
        }
    }

    private static func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }
}
