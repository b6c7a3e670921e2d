import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Notices changes to the files of a folder by polling: every `interval` it compares each
/// file's inode, size and modification time with the previous look.
///
/// Polling rather than inotify because it also sees a Kubernetes ConfigMap update, which swaps
/// a `..data` symlink instead of writing the files (`stat` follows the links, so the new
/// target's inode shows up), and because a look per second at a few files costs nothing.
public final class DirectoryWatcher: Sendable {
    /// What one file looked like.
    public struct FileState: Sendable, Equatable {
        var inode: UInt64
        var size: Int64
        var modifiedSeconds: Int
        var modifiedNanoseconds: Int
    }

    public let directory: String
    /// Only names with this suffix are watched (empty: every file).
    public let suffix: String
    private let task = Mutex<Task<Void, Never>?>(nil)

    /// Watches `directory` (not started yet).
    public init(directory: String, suffix: String = ".blobl") {
        self.directory = directory
        self.suffix = suffix
    }

    /// The files of the folder now, by name. Hidden entries (`..data`, editors' swap files)
    /// are skipped; a folder that cannot be read gives an empty snapshot.
    public func snapshot() -> [String: FileState] {
        var out: [String: FileState] = [:]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for name in names where !name.hasPrefix(".") && (suffix.isEmpty || name.hasSuffix(suffix)) {
            var st = stat()
            guard stat((directory as NSString).appendingPathComponent(name), &st) == 0 else { continue }
            guard (st.st_mode & S_IFMT) == S_IFREG else { continue }
            #if canImport(Darwin)
                let mtime = st.st_mtimespec
            #else
                let mtime = st.st_mtim
            #endif
            out[name] = FileState(
                inode: UInt64(st.st_ino), size: Int64(st.st_size), modifiedSeconds: Int(mtime.tv_sec),
                modifiedNanoseconds: Int(mtime.tv_nsec))
        }
        return out
    }

    /// Starts polling; `onChange` runs (on the watcher's task) after each look that differs
    /// from the one before. Calling `start` again restarts the watch.
    public func start(interval: Duration = .seconds(1), onChange: @escaping @Sendable () async -> Void) {
        let first = snapshot()
        let watcher = Task { [self] in
            var last = first
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                if Task.isCancelled { break }
                let now = snapshot()
                if now != last {
                    last = now
                    await onChange()
                }
            }
        }
        let old = task.withLock { t -> Task<Void, Never>? in
            defer { t = watcher }
            return t
        }
        old?.cancel()
    }

    /// Stops polling.
    public func stop() {
        task.withLock { t in
            t?.cancel()
            t = nil
        }
    }
}
