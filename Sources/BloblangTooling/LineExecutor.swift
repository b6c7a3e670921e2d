import Bloblang

/// Runs a mapping on one input line the way `benthos blobl` does and renders the result.
///
/// One executor per thread: it reuses its evaluation context between lines.
public final class LineExecutor {
    public enum Outcome: Equatable {
        /// A line to print on standard output.
        case output([UInt8])
        /// A runtime error to report on standard error; processing continues.
        case failure(String)
    }

    let mapping: Mapping
    let ctx: EvalContext
    /// Feed each line to the mapping as a raw string instead of parsing it as JSON.
    public var rawInput: Bool
    /// Pretty-print structured output.
    public var pretty: Bool

    public init(mapping: Mapping, rawInput: Bool = false, pretty: Bool = false) {
        self.mapping = mapping
        self.ctx = mapping.makeContext()
        self.rawInput = rawInput
        self.pretty = pretty
    }

    /// Runs the mapping on one line (without its newline).
    public func run(_ line: [UInt8]) -> Outcome {
        var parsed: Value?
        var parseFailure: RuntimeError?
        if rawInput {
            parsed = .bytes(line)
        } else if mapping.readsThis {
            if line.isEmpty {
                parseFailure = RuntimeError("message is empty")
            } else {
                do { parsed = try JSONReader.parse(line) } catch { parseFailure = RuntimeError("parse as json: \(error.message)") }
            }
        }
        ctx.content = line
        ctx.messageError = nil
        ctx.setThis(parsed ?? .null, failure: parseFailure.map {
            RuntimeError("unable to reference message as structured (with 'this'): \($0.message)")
        })
        do {
            try mapping.execute(ctx)
        } catch {
            return .failure(error.message)
        }
        switch ctx.root {
        case .string(let s): return .output(Array(s.utf8))
        case .bytes(let b): return .output(b)
        case .delete: return .output([])
        case .nothing:
            if parsed == nil, !rawInput, parseFailure == nil, let v = try? JSONReader.parse(line) { parsed = v }
            if let parsed, !rawInput { return .output(render(parsed)) }
            return .output(line)
        default:
            return .output(render(ctx.root))
        }
    }

    func render(_ v: Value) -> [UInt8] {
        pretty ? JSONWriter.pretty(v, indent: "  ") : JSONWriter.compact(v)
    }
}
