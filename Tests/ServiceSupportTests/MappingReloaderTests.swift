import Foundation
import StreamComponents
import StreamRuntime
import Testing

@testable import ServiceSupport

@Suite struct MappingReloaderTests {
    /// A `mapping` processor built through the reloader's registry from `import "<file>"`.
    func build(_ reloader: MappingReloader, file: String) throws -> any Processor {
        let registry = reloader.registry(wrapping: StreamComponents.registry)
        let context = BuildContext(registry: registry)
        let node = try ConfigLoader.parseYAML("mapping: 'import \"\(file)\"'")
        return try context.buildProcessor(node, path: "pipeline.processors[0]")
    }

    func run(_ p: any Processor, _ text: String) async -> String? {
        await p.process([Message(text)]).first?.first?.text
    }

    @Test func aChangedFileIsUsedAfterReload() async throws {
        let dir = try TestPaths.temporaryFolder("reload")
        let file = (dir as NSString).appendingPathComponent("stage.blobl")
        try "root.v = 1".write(toFile: file, atomically: true, encoding: .utf8)
        let reloader = MappingReloader()
        let p = try build(reloader, file: file)
        #expect(reloader.count == 1)
        #expect(await run(p, "{}") == #"{"v":1}"#)

        try "root.v = 2".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(await run(p, "{}") == #"{"v":1}"#)  // nothing changes before a reload
        try reloader.reload()
        #expect(await run(p, "{}") == #"{"v":2}"#)
    }

    @Test func aFileThatDoesNotParseIsRejectedAndTheOldMappingServes() async throws {
        let dir = try TestPaths.temporaryFolder("reload")
        let good = (dir as NSString).appendingPathComponent("a.blobl")
        let other = (dir as NSString).appendingPathComponent("b.blobl")
        try "root.a = true".write(toFile: good, atomically: true, encoding: .utf8)
        try "root.b = true".write(toFile: other, atomically: true, encoding: .utf8)
        let reloader = MappingReloader()
        let pa = try build(reloader, file: good)
        let pb = try build(reloader, file: other)

        // One good change and one broken file: all or nothing, so neither is swapped in.
        try "root.a = \"changed\"".write(toFile: good, atomically: true, encoding: .utf8)
        try "root.b = this.(".write(toFile: other, atomically: true, encoding: .utf8)
        #expect(throws: ConfigError.self) { try reloader.reload() }
        #expect(await run(pa, "{}") == #"{"a":true}"#)
        #expect(await run(pb, "{}") == #"{"b":true}"#)

        try "root.b = \"fixed\"".write(toFile: other, atomically: true, encoding: .utf8)
        try reloader.reload()
        #expect(await run(pa, "{}") == #"{"a":"changed"}"#)
        #expect(await run(pb, "{}") == #"{"b":"fixed"}"#)
    }

    @Test func otherProcessorsAreNotWrapped() throws {
        let reloader = MappingReloader()
        let registry = reloader.registry(wrapping: StreamComponents.registry)
        let context = BuildContext(registry: registry)
        _ = try context.buildProcessor(try ConfigLoader.parseYAML("noop: {}"), path: "p")
        #expect(reloader.count == 0)
        _ = try context.buildProcessor(try ConfigLoader.parseYAML("bloblang: 'root = 1'"), path: "p")
        #expect(reloader.count == 1)
    }
}

@Suite struct DirectoryWatcherTests {
    @Test func aSnapshotSeesNewChangedAndRemovedMappingFiles() throws {
        let dir = try TestPaths.temporaryFolder("watch")
        let watcher = DirectoryWatcher(directory: dir)
        let empty = watcher.snapshot()
        #expect(empty.isEmpty)

        let file = (dir as NSString).appendingPathComponent("x.blobl")
        try "root = 1".write(toFile: file, atomically: true, encoding: .utf8)
        try "ignored".write(toFile: (dir as NSString).appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let one = watcher.snapshot()
        #expect(Array(one.keys) == ["x.blobl"])

        // `atomically` writes a new file and renames it: a new inode even within the same second.
        try "root = 22".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(watcher.snapshot() != one)

        try FileManager.default.removeItem(atPath: file)
        #expect(watcher.snapshot().isEmpty)
    }

    @Test func aSymlinkSwapLikeAConfigMapUpdateIsSeen() throws {
        let dir = try TestPaths.temporaryFolder("watch")
        let fm = FileManager.default
        for v in ["v1", "v2"] {
            try fm.createDirectory(atPath: "\(dir)/\(v)", withIntermediateDirectories: true)
            try "root = \"\(v)\"".write(toFile: "\(dir)/\(v)/m.blobl", atomically: true, encoding: .utf8)
        }
        try fm.createSymbolicLink(atPath: "\(dir)/..data", withDestinationPath: "v1")
        try fm.createSymbolicLink(atPath: "\(dir)/m.blobl", withDestinationPath: "..data/m.blobl")
        let watcher = DirectoryWatcher(directory: dir)
        let before = watcher.snapshot()
        #expect(Array(before.keys) == ["m.blobl"])
        try fm.removeItem(atPath: "\(dir)/..data")
        try fm.createSymbolicLink(atPath: "\(dir)/..data", withDestinationPath: "v2")
        #expect(watcher.snapshot() != before)
    }
}
