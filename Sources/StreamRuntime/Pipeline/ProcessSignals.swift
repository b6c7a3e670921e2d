import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The write end of the self-pipe the C signal handler writes to (set once, before any
/// handler is installed).
nonisolated(unsafe) private var signalPipeWriteEnd: Int32 = -1

/// Delivers SIGINT/SIGTERM (or other signals) to a Swift closure.
///
/// A plain `DispatchSource.makeSignalSource` is not reliable on Linux: libdispatch reads
/// signals through a `signalfd` that only sees signals blocked in every thread, and the
/// cooperative thread pool already runs unblocked threads by the time a command starts. So a
/// minimal C handler writes the signal number to a pipe (async-signal-safe) and a dispatch
/// read source on that pipe calls `handler` on an ordinary queue.
public final class ProcessSignals: Sendable {
    private let source: Mutex<(any DispatchSourceRead)?>

    /// Starts watching `signals`.
    /// - Parameter handler: called once per signal received, with its number, off the
    ///   signal context (it may log, start tasks, or exit).
    public init(_ signals: [Int32] = [SIGINT, SIGTERM], handler: @escaping @Sendable (Int32) -> Void) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else {
            source = Mutex(nil)
            return
        }
        _ = fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL) | O_NONBLOCK)
        signalPipeWriteEnd = fds[1]
        let readEnd = fds[0]
        let queue = DispatchQueue(label: "sluice.signals")
        let src = DispatchSource.makeReadSource(fileDescriptor: readEnd, queue: queue)
        src.setEventHandler {
            var byte: UInt8 = 0
            while read(readEnd, &byte, 1) == 1 {
                handler(Int32(byte))
                var more = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
                if poll(&more, 1, 0) <= 0 { break }
            }
        }
        src.resume()
        source = Mutex(src)
        for sig in signals {
            var action = sigaction()
            #if canImport(Darwin)
                action.__sigaction_u.__sa_handler = processSignalsHandler
            #else
                action.__sigaction_handler.sa_handler = processSignalsHandler
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            sigaction(sig, &action, nil)
        }
    }

    /// Stops delivering (the signals keep being caught and ignored).
    public func cancel() {
        source.withLock { $0?.cancel() }
    }

    /// The usual name of a signal (`SIGINT`, `SIGTERM`, ...).
    public static func name(_ sig: Int32) -> String {
        switch sig {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        case SIGHUP: "SIGHUP"
        case SIGQUIT: "SIGQUIT"
        default: "signal \(sig)"
        }
    }
}

private func processSignalsHandler(_ sig: Int32) {
    var byte = UInt8(truncatingIfNeeded: sig)
    _ = write(signalPipeWriteEnd, &byte, 1)
}
