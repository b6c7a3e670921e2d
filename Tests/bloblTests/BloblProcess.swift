import Foundation

/// Runs the built `blobl` binary and captures what it printed.
struct BloblProcess {
    /// What one run of `blobl` printed, and how it exited.
    struct Output: Sendable {
        var stdout: String
        var stderr: String
        var stdoutBytes: [UInt8]
        var status: Int32
    }

    /// The package root: two folders up from this file.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `blobl` binary: the one next to the running test bundle (same build configuration)
    /// first, then `.build/debug/blobl` and `.build/release/blobl` under the package root.
    static let executable: URL? = {
        let fm = FileManager.default
        var candidates: [URL] = []
        if let runner = ProcessInfo.processInfo.arguments.first {
            var dir = URL(fileURLWithPath: runner).deletingLastPathComponent()
            // Inside an .xctest bundle on macOS the binary sits in Contents/MacOS.
            for _ in 0..<4 {
                candidates.append(dir.appendingPathComponent("blobl"))
                dir = dir.deletingLastPathComponent()
            }
        }
        candidates.append(packageRoot.appendingPathComponent(".build/debug/blobl"))
        candidates.append(packageRoot.appendingPathComponent(".build/release/blobl"))
        return candidates.first { url in
            var isDirectory: ObjCBool = false
            return fm.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
                && fm.isExecutableFile(atPath: url.path)
        }
    }()

    static var isAvailable: Bool { executable != nil }

    static let missingMessage =
        "blobl binary not found next to the test bundle nor in .build/debug or .build/release: run `swift build --product blobl` first"

    /// Runs `blobl` with `arguments`, feeding `stdin` (bytes) on standard input.
    ///
    /// Standard input, output and error go through temporary files, so a large input or
    /// output never blocks on a full pipe.
    static func run(_ arguments: [String], stdin: [UInt8] = [], environment: [String: String] = [:]) throws -> Output {
        guard let executable else { throw BloblProcessError.missingBinary }
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("blobl-e2e-\(UUID().uuidString)")
        try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: dir) }
        let inURL = dir.appendingPathComponent("stdin")
        let outURL = dir.appendingPathComponent("stdout")
        let errURL = dir.appendingPathComponent("stderr")
        try Data(stdin).write(to: inURL)
        _ = fm.createFile(atPath: outURL.path, contents: nil)
        _ = fm.createFile(atPath: errURL.path, contents: nil)
        let inHandle = try FileHandle(forReadingFrom: inURL)
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        defer {
            try? inHandle.close()
            try? outHandle.close()
            try? errHandle.close()
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        process.currentDirectoryURL = dir
        process.standardInput = inHandle
        process.standardOutput = outHandle
        process.standardError = errHandle
        try process.run()
        process.waitUntilExit()
        let out = try Data(contentsOf: outURL)
        let err = try Data(contentsOf: errURL)
        return Output(
            stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self),
            stdoutBytes: Array(out), status: process.terminationStatus)
    }

    /// Runs `blobl` with a text standard input.
    static func run(_ arguments: [String], input: String, environment: [String: String] = [:]) throws -> Output {
        try run(arguments, stdin: Array(input.utf8), environment: environment)
    }

    /// A scratch folder for files a test passes to `blobl` (`-f`, `-i`); removed by the caller.
    static func makeScratchDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("blobl-e2e-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}

enum BloblProcessError: Error, CustomStringConvertible {
    case missingBinary
    var description: String { BloblProcess.missingMessage }
}
