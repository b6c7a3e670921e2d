import Bloblang
import Foundation
import Testing

/// The built `ml-service` executable: next to the test bundle, or in .build/debug or .build/release.
enum MLServiceBinary {
    static let url: URL? = {
        var candidates: [URL] = []
        if let runner = ProcessInfo.processInfo.arguments.first {
            var dir = URL(fileURLWithPath: runner).deletingLastPathComponent()
            for _ in 0..<4 {
                candidates.append(dir.appendingPathComponent("ml-service"))
                dir = dir.deletingLastPathComponent()
            }
        }
        candidates.append(Fixtures.packageRoot.appendingPathComponent(".build/debug/ml-service"))
        candidates.append(Fixtures.packageRoot.appendingPathComponent(".build/release/ml-service"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    static var isAvailable: Bool { url != nil }

    /// A started process with its standard error going to a file.
    struct Running {
        let process: Process
        let stderrPath: String
        var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }
    }

    static func start(_ arguments: [String]) throws -> Running {
        let url = try #require(url)
        let errPath = FileManager.default.temporaryDirectory.appendingPathComponent("ml-service-\(UUID().uuidString).err").path
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let p = Process()
        p.executableURL = url
        p.arguments = arguments
        p.currentDirectoryURL = FileManager.default.temporaryDirectory
        p.standardOutput = FileHandle.nullDevice
        p.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        try p.run()
        return Running(process: p, stderrPath: errPath)
    }

    /// Waits (polling, off the cooperative pool's blocking calls) until the process exits.
    static func waitForExit(_ p: Process, limit: Duration = .seconds(60)) async -> Int32? {
        let deadline = ContinuousClock.now + limit
        while p.isRunning {
            if ContinuousClock.now > deadline { return nil }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return p.terminationStatus
    }

    /// Waits for the "ml-service listening" log line and returns its port.
    static func waitForPort(_ r: Running, limit: Duration = .seconds(60)) async -> Int? {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline, r.process.isRunning {
            for line in r.stderr.split(separator: "\n") where line.contains("ml-service listening") {
                if case .object(let o)? = try? JSONReader.parse(String(line)), case .int(let port)? = o["port"] {
                    return Int(port)
                }
            }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }
}

@Suite(
    "ml-service executable",
    .enabled(if: MLServiceBinary.isAvailable, "ml-service binary not built: swift build --product ml-service"))
struct MLServiceProcessTests {
    @Test("trains, serves, logs JSON lines and exits 0 on SIGTERM")
    func serveAndTerminate() async throws {
        let r = try MLServiceBinary.start([
            "--host", "127.0.0.1", "--port", "0", "--seed", "3", "--training-text", Fixtures.trainingTextPath,
        ])
        defer { if r.process.isRunning { r.process.terminate() } }
        let port = try #require(await MLServiceBinary.waitForPort(r), "no listening line in: \(r.stderr)")
        let reply = try await RawHTTPClient.send(
            port: port, method: "POST", path: "/inference", body: Array(#"{"prompt": "Light", "max_tokens": 8}"#.utf8))
        #expect(reply?.status == 200)
        kill(r.process.processIdentifier, SIGTERM)
        let status = await MLServiceBinary.waitForExit(r.process)
        #expect(status == 0)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.contains { $0.contains("\"msg\":\"model trained\"") })
        #expect(lines.contains { $0.contains("\"msg\":\"ml-service stopped\"") })
        for line in lines {
            guard case .object(let o)? = try? JSONReader.parse(String(line)) else {
                Issue.record("not a JSON log line: \(line)")
                continue
            }
            #expect(o["level"] != nil && o["msg"] != nil)
        }
    }

    @Test("a rate outside 0...1 is refused with exit status 64")
    func badOption() async throws {
        let r = try MLServiceBinary.start(["--failure-rate", "2"])
        let status = await MLServiceBinary.waitForExit(r.process)
        #expect(status == 64)
        #expect(r.stderr.contains("--failure-rate must be between 0 and 1, got 2.0"))
    }

    @Test("a missing training text is reported with the path, exit status 1")
    func missingText() async throws {
        let r = try MLServiceBinary.start(["--port", "0", "--training-text", "/nonexistent/text.txt"])
        let status = await MLServiceBinary.waitForExit(r.process)
        #expect(status == 1)
        #expect(r.stderr.contains("no training text found (tried /nonexistent/text.txt)"))
    }
}
