import Bloblang
import BloblangStdlib
import Testing

/// Edge cases of the object and array methods, run through the parser and evaluator so that
/// error prefixes and lambda binding are covered too. Expected errors are Benthos's text.
@Suite struct ObjectMethodsTests {
    enum Outcome: Sendable {
        case value(Value)
        case error(String)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let mapping: String
        let input: Value
        let outcome: Outcome
        let line: Int

        init(_ mapping: String, _ expected: Value, in input: Value = nil, line: Int = #line) {
            self.mapping = mapping
            self.input = input
            self.outcome = .value(expected)
            self.line = line
        }

        init(_ mapping: String, in input: Value = nil, error: String, line: Int = #line) {
            self.mapping = mapping
            self.input = input
            self.outcome = .error(error)
            self.line = line
        }

        var testDescription: String { "line \(line): \(mapping)" }
    }

    static let cases: [Case] = [
        // all / any
        Case("root = [].all(x -> x > 0)", false),
        Case("root = [1, 2].all(x -> x > 0)", true),
        Case("root = [1, 2].any(x -> x * 2)", error: "failed assignment (line 1): array literal: element 0: expected bool value, got number (2)"),
        Case(#"root = [1, 2, 3].all(x -> if x == 1 { false } else { throw("boom") })"#, false),

        // append / concat / zip
        Case("root = [1].append(2, [3])", [1, 2, [3]]),
        Case("root = [1].concat([2], [], [3, 4])", [1, 2, 3, 4]),
        Case("root = [1, 2].zip([3, 4], [5, 6])", [[1, 3, 5], [2, 4, 6]]),
        Case("root = this.a.zip(this.b)", in: ["a": [1, 2], "b": [1]], error: "failed assignment (line 1): field `this.a`: can't zip different length array values"),

        // merge / assign / squash
        Case(#"root = {"a": 1}.merge({"a": 2, "b": 3})"#, ["a": [1, 2], "b": 3]),
        Case(#"root = {"a": [1]}.merge({"a": 2})"#, ["a": [1, 2]]),
        Case(#"root = {"a": 1}.merge({"a": [2, 3]})"#, ["a": [1, 2, 3]]),
        Case(#"root = {"a": {"x": 1}}.merge({"a": {"y": 2}})"#, ["a": ["x": 1, "y": 2]]),
        Case(#"root = {"a": {"x": 1, "y": 1}}.assign({"a": {"y": 2}, "b": 3})"#, ["a": ["x": 1, "y": 2], "b": 3]),
        Case(#"root = [1].merge(2)"#, [1, 2]),
        Case(#"root = [{"a": 1}, "skip", {"a": 2, "b": 3}].squash()"#, ["a": [1, 2], "b": 3]),

        // collapse / explode / get / with / without
        Case(#"root = {"a": {"b": [1, {}]}}.collapse()"#, ["a.b.0": 1]),
        Case(#"root = {"a": {"b": [1, {}]}}.collapse(include_empty: true)"#, ["a.b.0": 1, "a.b.1": [:]]),
        Case(#"root = this.explode("v")"#, [["id": 1, "v": 1], ["id": 1, "v": 2]], in: ["id": 1, "v": [1, 2]]),
        Case(#"root = this.explode("v")"#, in: ["id": 1], error: "failed assignment (line 1): field `this`: expected array or object value at path 'v', found: null"),
        Case(#"root = this.get("a.1.b")"#, 2, in: ["a": [["b": 1], ["b": 2]]]),
        Case(#"root = this.get("a.*.b")"#, [1, 2], in: ["a": [["b": 1], ["b": 2]]]),
        Case(#"root = this.get("a~1b")"#, 5, in: ["a.b": 5]),
        Case(#"root = this.get("missing.deeper")"#, nil, in: ["a": 1]),
        Case(#"root = this.with("a.b", "c")"#, ["a": ["b": 1], "c": 3], in: ["a": ["b": 1, "x": 2], "c": 3, "d": 4]),
        Case(#"root = this.without("a.b", "c")"#, ["a": ["x": 2], "d": 4], in: ["a": ["b": 1, "x": 2], "c": 3, "d": 4]),

        // find family
        Case("root = [1, 2.0, 2].find(2)", 1),
        Case(#"root = [1, 2].find("2")"#, -1),
        Case("root = [3, 1, 3].find_all(3)", [0, 2]),
        Case("root = [3, 1, 3].find_by(x -> x < 3)", 1),
        Case("root = [3, 1, 3].find_all_by(x -> x > 1)", [0, 2]),
        Case("root = [3].find_by(x -> 1)", error: "failed assignment (line 1): array literal: query returned a non-boolean value for index 0: expected bool value, got number (1)"),

        // fold / flatten / enumerated
        Case("root = [1, 2, 3].fold(10, t -> t.tally + t.value)", 16),
        Case(#"root = [].fold("x", t -> t.tally + t.value)"#, "x"),
        Case("root = [1, [2, [3]]].flatten()", [1, 2, [3]]),
        Case(#"root = ["a"].enumerated()"#, [["index": 0, "value": "a"]]),

        // index
        Case("root = [1, 2, 3].index(-1)", 3),
        Case("root = [1, 2].index(-3)", error: "failed assignment (line 1): array literal: index '-1' was out of bounds for array size: 2"),
        Case(#"root = "hi".bytes().index(1)"#, 105),

        // join / keys / values / key_values
        Case(#"root = ["a", "b"].join()"#, "ab"),
        Case(#"root = ["a", 1].join(",")"#, error: "failed assignment (line 1): array literal: failed to join element 1: expected string value, got number (1)"),
        Case(#"root = {"b": 1, "a": 2}.keys()"#, ["a", "b"]),
        Case(#"root = {"b": 1, "a": 2}.values()"#, [2, 1]),
        Case(#"root = {"b": 1}.key_values()"#, [["key": "b", "value": 1]]),

        // map_each / map_each_key
        Case("root = [1, 2, 3].map_each(x -> if x == 2 { deleted() } else if x == 3 { nothing() } else { x * 10 })", [10, 3]),
        Case(#"root = {"a": 1, "b": 2}.map_each(kv -> if kv.key == "a" { deleted() } else { kv.value + 1 })"#, ["b": 3]),
        Case("root = [1].map_each(x -> x.foo.uppercase())", error: "failed assignment (line 1): array literal: failed to process element 0: expected string value, got null from field `x.foo`"),
        Case(#"root = {"a": 1}.map_each_key(k -> k.uppercase())"#, ["A": 1]),
        Case(#"root = {"a": 1}.map_each_key(k -> 5)"#, error: "failed assignment (line 1): object literal: unexpected result from key mapping: expected string value, got number (5)"),

        // min / max / sum
        Case("root = [2, 7.5, -1].max()", 7.5),
        Case("root = [2, 7.5, -1].min()", -1),
        Case("root = [].max()", error: "failed assignment (line 1): array literal: the array was empty"),
        Case(#"root = ["a", 1, "b"].sum()"#, error: "failed assignment (line 1): index 2: expected number value, got string (\"b\")"),
        Case("root = [].sum()", 0),
        Case("root = 5.sum()", 5),

        // sort / sort_by / unique
        Case(#"root = ["b", "a", "c"].sort()"#, ["a", "b", "c"]),
        Case("root = [1, 3, 2].sort(left > right)", [3, 2, 1]),
        Case("root = [1, 3, 2].sort(p -> p.left > p.right)", [3, 2, 1]),
        Case("root = [true, false].sort()", error: "failed assignment (line 1): sort element 1: expected number or string value, got bool (false)"),
        Case(#"root = [1, "two", 3].sort()"#, error: "failed assignment (line 1): sort element 0: expected string value, got number (1)"),
        Case("root = [[1], [2]].sort(x -> 1)", error: "failed assignment (line 1): expected bool value, got number from sort argument (1)"),
        Case(#"root = [{"v": 2}, {"v": 1}].sort_by(x -> x.v)"#, [["v": 1], ["v": 2]]),
        Case(#"root = [{"k": 1}, {"k": "a"}].sort_by(x -> x.k)"#, error: "failed assignment (line 1): sort_by element 0: expected string value, got number from field `x.k` (1)"),
        Case(#"root = [1, 1.0, "1", 2].unique()"#, [1, "1", 2]),
        Case(#"root = ["ab", "cd", "e"].unique(s -> s.length())"#, ["ab", "e"]),
        Case("root = [true].unique()", error: "failed assignment (line 1): array literal: index 0: expected string or number value, got bool (true)"),
    ]

    @Test(arguments: cases)
    func method(_ c: Case) throws {
        let mapping = try Environment.standard.parse(c.mapping)
        switch c.outcome {
        case .value(let expected):
            let result = try mapping.apply(to: c.input)
            let got = try #require(result)
            #expect(got.looselyEquals(expected) && got.type == expected.type, "got \(got.plainString)")
        case .error(let message):
            #expect(throws: RuntimeError.self) { _ = try mapping.apply(to: c.input) }
            do {
                _ = try mapping.apply(to: c.input)
            } catch {
                #expect(error.message == message)
            }
        }
    }
}
