import Foundation

/// Runs work on threads with large stacks.
///
/// Mapping evaluation recurses (named maps may call themselves up to the recursion limit of
/// 5000), which needs more than the 8 MiB main-thread stack or the smaller stacks of
/// dispatch worker threads. The stack is reserved address space: untouched pages cost nothing.
public enum LargeStack {
    /// The stack size of evaluation threads: 512 MiB.
    public static let size = 512 << 20

    /// Runs `body` on a new thread with a large stack and waits for it.
    public static func run<T>(_ body: @escaping () -> T) -> T {
        runAll([body])[0]
    }

    /// Runs each closure on its own large-stack thread and waits for all of them.
    public static func runAll<T>(_ bodies: [() -> T]) -> [T] {
        let box = ResultSlots<T>(count: bodies.count)
        let group = DispatchGroup()
        for (i, body) in bodies.enumerated() {
            group.enter()
            let work = UncheckedBox(body)
            let thread = Thread {
                box.set(i, work.value())
                group.leave()
            }
            thread.stackSize = size
            thread.start()
        }
        group.wait()
        return box.values.map { $0! }
    }
}

/// Moves a non-Sendable value to another thread that alone uses it.
final class UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// Result slots written by index from several threads, each index by one thread only.
final class ResultSlots<T>: @unchecked Sendable {
    var values: [T?]
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ v: T) { values[i] = v }
}
