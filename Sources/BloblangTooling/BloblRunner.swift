import Bloblang
import BloblangStdlib
import Dispatch
import Foundation

/// The engine behind `blobl [MAPPING]`: reads lines, runs the mapping on each, prints one
/// line per input to stdout and errors to stderr.
public struct BloblRunner {
    public var mapping: Mapping
    public var threads: Int
    public var rawInput: Bool
    public var pretty: Bool
    public var maxLineLength: Int

    public init(mapping: Mapping, threads: Int = 1, rawInput: Bool = false, pretty: Bool = false, maxLineLength: Int = 65536) {
        self.mapping = mapping
        self.threads = max(1, threads)
        self.rawInput = rawInput
        self.pretty = pretty
        self.maxLineLength = maxLineLength
    }

    /// Parses a mapping for the CLI, with `${VAR}` environment references replaced first,
    /// as `benthos blobl` does.
    public static func parseMapping(_ text: String, path: String?, environment: Environment = .standard) throws(ParseError) -> Mapping {
        try environment.parse(EnvironmentInterpolation.replace(in: text), path: path)
    }

    /// Processes every line of `input` (a file descriptor). Returns the exit status.
    public func run(input: Int32, output: Int32 = 1, errors: Int32 = 2) -> Int32 {
        var reader = LineReader(fd: input, maxLineLength: maxLineLength)
        var out = OutputBuffer(fd: output)
        var err = OutputBuffer(fd: errors)
        let useColor = isatty(errors) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        let (red, reset) = useColor ? ("\u{1B}[31m", "\u{1B}[0m") : ("", "")

        func emit(_ outcome: LineExecutor.Outcome) {
            switch outcome {
            case .output(let bytes):
                out.write(bytes)
                out.write([0x0A])
            case .failure(let message):
                out.flush()
                err.write("\(red)failed to execute map: \(message)\(reset)\n")
                err.flush()
            }
        }

        let executors = (0..<threads).map { _ in
            ExecutorBox(LineExecutor(mapping: mapping, rawInput: rawInput, pretty: pretty))
        }
        var batch: [[UInt8]] = []
        let batchLimit = threads == 1 ? 1 : 512
        do {
            while true {
                if reader.needsRead {
                    // About to block on input: show what we have so far.
                    if !batch.isEmpty { runBatch(&batch, executors, emit) }
                    out.flush()
                }
                guard let line = try reader.next() else { break }
                if threads == 1 {
                    emit(executors[0].executor.run(line))
                    continue
                }
                batch.append(line)
                if batch.count >= batchLimit { runBatch(&batch, executors, emit) }
            }
            if !batch.isEmpty { runBatch(&batch, executors, emit) }
            out.flush()
            return 0
        } catch {
            if !batch.isEmpty { runBatch(&batch, executors, emit) }
            out.flush()
            switch error {
            case .lineTooLong:
                err.write("\(red)an input line is longer than --max-token-length (\(maxLineLength)): token too long\(reset)\n")
            case .readFailed(let code):
                err.write("\(red)failed to read input: \(String(cString: strerror(code)))\(reset)\n")
            }
            err.flush()
            return 1
        }
    }

    private func runBatch(_ batch: inout [[UInt8]], _ executors: [ExecutorBox], _ emit: (LineExecutor.Outcome) -> Void) {
        let lines = batch
        let workers = executors.count
        let slices: [() -> [LineExecutor.Outcome]] = (0..<workers).map { w in
            {
                let ex = executors[w].executor
                var out: [LineExecutor.Outcome] = []
                var i = w
                while i < lines.count {
                    out.append(ex.run(lines[i]))
                    i += workers
                }
                return out
            }
        }
        let results = LargeStack.runAll(slices)
        for i in 0..<lines.count { emit(results[i % workers][i / workers]) }
        batch.removeAll(keepingCapacity: true)
    }
}

/// Hands one executor to one worker thread.
final class ExecutorBox: @unchecked Sendable {
    let executor: LineExecutor
    init(_ executor: LineExecutor) { self.executor = executor }
}

