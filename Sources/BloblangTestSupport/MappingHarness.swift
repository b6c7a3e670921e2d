import Bloblang
import BloblangStdlib

/// What running a mapping on one message gave, in the terms the conformance vectors use.
public enum MappingResult: Sendable, Hashable, CustomStringConvertible {
    /// The new message: a string or bytes result as it is, any other value as compact JSON,
    /// or the input unchanged when the mapping assigned nothing.
    case output(String)
    /// The mapping deleted the message (`root = deleted()`).
    case deleted
    /// A runtime error, as its message (`failed assignment (line 1): ...`).
    case error(String)
    /// The mapping did not parse: Benthos's compact `line L char C: message`.
    case parseError(String)

    public var description: String {
        switch self {
        case .output(let s): "output(\(s))"
        case .deleted: "deleted"
        case .error(let e): "error(\(e))"
        case .parseError(let e): "parseError(\(e))"
        }
    }
}

/// The full outcome of one run: the result plus the metadata and `root` left behind.
public struct MappingRun: Sendable {
    public var result: MappingResult
    /// The message metadata after the mapping ran.
    public var metadata: [String: Value]
    /// The value of `root` after the mapping ran (`.nothing` if unassigned, `.delete` if
    /// deleted), or nil when parsing or execution failed.
    public var root: Value?
}

/// Runs mappings on JSON text the way a Benthos `mapping` processor does: the input is the
/// raw message content, read as JSON only when the mapping refers to `this`.
public enum MappingHarness {
    /// Parses `mapping` and runs it on `input`.
    /// - Parameters:
    ///   - input: the message content (JSON text for structured tests).
    ///   - metadata: the message metadata before the mapping runs.
    public static func run(
        _ mapping: String, input: String = "null", metadata: [String: Value] = [:],
        environment: Environment = .standard
    ) -> MappingResult {
        runDetailed(mapping, input: input, metadata: metadata, environment: environment).result
    }

    /// Like `run`, and also returns the metadata and `root` the mapping left.
    public static func runDetailed(
        _ mapping: String, input: String = "null", metadata: [String: Value] = [:],
        environment: Environment = .standard
    ) -> MappingRun {
        let parsed: Mapping
        do {
            parsed = try environment.parse(mapping)
        } catch {
            return MappingRun(result: .parseError(error.description), metadata: metadata, root: nil)
        }
        return execute(parsed, input: input, metadata: metadata)
    }

    /// Runs an already parsed mapping on `input`.
    public static func execute(_ mapping: Mapping, input: String = "null", metadata: [String: Value] = [:]) -> MappingRun {
        let ctx = mapping.makeContext()
        mapping.prepare(ctx, content: Array(input.utf8), metadata: metadata)
        do {
            try mapping.execute(ctx)
        } catch {
            return MappingRun(result: .error(error.message), metadata: ctx.metadata, root: nil)
        }
        let result: MappingResult
        switch ctx.root {
        case .delete: result = .deleted
        case .nothing: result = .output(input)
        case .string(let s): result = .output(s)
        case .bytes(let b): result = .output(String(decoding: b, as: UTF8.self))
        default: result = .output(JSONWriter.compactString(ctx.root))
        }
        return MappingRun(result: result, metadata: ctx.metadata, root: ctx.root)
    }

    /// The parse error of `mapping`, or nil when it parses.
    public static func parseError(_ mapping: String, environment: Environment = .standard) -> ParseError? {
        do {
            _ = try environment.parse(mapping)
            return nil
        } catch {
            return error
        }
    }

    /// Evaluates `root = <expression>` with `this` bound to `input` (JSON text) and returns
    /// the value itself, keeping the number representation (int64, uint64 or float).
    /// - Throws: the `ParseError` or `RuntimeError`.
    public static func evaluate(_ expression: String, input: String = "null", environment: Environment = .standard) throws -> Value {
        let mapping = try environment.parse("root = " + expression)
        let ctx = mapping.makeContext()
        mapping.prepare(ctx, content: Array(input.utf8))
        try mapping.execute(ctx)
        return ctx.root
    }
}

extension Value {
    /// A compact rendering that keeps what JSON loses: the number kind (`i1`, `u1`, `f1.5`),
    /// strings versus bytes (`s"x"`, `b"x"`), timestamps and the sentinels. Object keys are
    /// sorted.
    public var tagged: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return "i\(i)"
        case .uint(let u): return "u\(u)"
        case .float(let f): return "f\(f)"
        case .string(let s): return "s\"\(s)\""
        case .bytes(let b): return "b\"\(String(decoding: b, as: UTF8.self))\""
        case .array(let a): return "[" + a.map(\.tagged).joined(separator: ",") + "]"
        case .object(let o):
            let fields = o.sorted { JSONWriter.utf8Less($0.key, $1.key) }.map { "\($0.key):\($0.value.tagged)" }
            return "{" + fields.joined(separator: ",") + "}"
        case .timestamp(let t): return "t\(JSONWriter.compactString(.timestamp(t)))"
        case .delete: return "delete"
        case .nothing: return "nothing"
        }
    }
}
