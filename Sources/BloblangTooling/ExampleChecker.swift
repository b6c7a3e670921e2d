import Bloblang

/// Runs the examples of function and method specs, for tests and for `blobl docs`.
public enum ExampleChecker {
    /// What running one example pair gave.
    public struct Failure: Sendable, CustomStringConvertible {
        public var example: Example
        public var input: String
        public var expected: String
        public var actual: String
        public var description: String {
            "\(example.owner) (\(example.file.split(separator: "/").last ?? ""):\(example.line)): mapping \(example.mapping.debugDescription) on \(input) gave \(actual), expected \(expected)"
        }
    }

    /// The text an example shows for one input: the output line, `<Message deleted>`, or
    /// `Error("...")`.
    public static func render(_ mapping: Mapping, input: String) -> String {
        let executor = LineExecutor(mapping: mapping)
        switch executor.run(Array(input.utf8)) {
        case .output(let bytes):
            if bytes.isEmpty, !input.isEmpty, case .delete = executor.ctx.root { return "<Message deleted>" }
            var text = String(decoding: bytes, as: UTF8.self)
            // Documented outputs drop one trailing newline (`format_yaml` gives `foo: bar\n`).
            if text.hasSuffix("\n") { text.removeLast() }
            return text
        case .failure(let message):
            return "Error(\"\(message)\")"
        }
    }

    /// Runs every pair of `example`; returns the pairs that did not give the documented output.
    public static func check(_ example: Example, environment: Environment) -> [Failure] {
        let mapping: Mapping
        do {
            mapping = try environment.parse(example.mapping)
        } catch {
            return example.pairs.map {
                Failure(example: example, input: $0.input, expected: $0.output, actual: "parse error: \(error.description)")
            }
        }
        var failures: [Failure] = []
        for pair in example.pairs {
            let actual = render(mapping, input: pair.input)
            if !matches(expected: pair.output, actual: actual, deterministic: example.deterministic) {
                failures.append(Failure(example: example, input: pair.input, expected: pair.output, actual: actual))
            }
        }
        return failures
    }

    /// Compares outputs: as JSON values when both sides are JSON, as text otherwise. A
    /// nondeterministic example only needs the same kind of result.
    public static func matches(expected: String, actual: String, deterministic: Bool) -> Bool {
        if expected.hasPrefix("Error(") {
            guard actual.hasPrefix("Error(") else { return false }
            if !deterministic { return true }
            let inner = expected.dropFirst(7).dropLast(2)
            return actual.contains(inner)
        }
        if actual.hasPrefix("Error(") { return false }
        let e = try? JSONReader.parse(Array(expected.utf8))
        let a = try? JSONReader.parse(Array(actual.utf8))
        if !deterministic {
            if let e, let a { return e.type == a.type && sameShape(e, a) }
            return (e == nil) == (a == nil)
        }
        if let e, let a { return strictlyEqual(e, a) }
        return expected == actual
    }

    /// Equality of JSON values where numbers compare by value and bools never equal numbers.
    public static func strictlyEqual(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.array(let x), .array(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { strictlyEqual($0, $1) }
        case (.object(let x), .object(let y)):
            return x.count == y.count && x.allSatisfy { k, v in y[k].map { strictlyEqual(v, $0) } ?? false }
        case (.bool(let x), .bool(let y)): return x == y
        case (.bool, _), (_, .bool): return false
        default: return a.looselyEquals(b)
        }
    }

    static func sameShape(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.object(let x), .object(let y)): return Set(x.keys) == Set(y.keys)
        case (.array(let x), .array(let y)): return x.count == y.count
        default: return a.type == b.type
        }
    }
}
