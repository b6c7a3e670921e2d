import Bloblang
import StreamRuntime
import Testing

/// `--set path=value` overrides.
@Suite struct ConfigOverrideTests {
    static let yaml = """
        input:
          generate:
            mapping: root = 1
        pipeline:
          processors:
            - mapping: root = 1
            - mapping: root = 2
        """

    func apply(_ expressions: String...) throws -> ConfigNode {
        var root = try ConfigLoader.parseYAML(Self.yaml)
        for e in expressions { root = try ConfigLoader.applyOverride(e, to: root) }
        return root
    }

    @Test func setsAnExistingScalar() throws {
        let root = try apply("input.generate.mapping=root = 42")
        #expect(root["input"]?["generate"]?["mapping"]?.scalarText == "root = 42")
    }

    @Test func createsMissingObjects() throws {
        let root = try apply("http.address=127.0.0.1:9999", "logger.level=DEBUG")
        #expect(root["http"]?["address"]?.scalarText == "127.0.0.1:9999")
        #expect(root["logger"]?["level"]?.scalarText == "DEBUG")
    }

    @Test(arguments: [
        "pipeline.processors[1].mapping=root = 3", "pipeline.processors.1.mapping=root = 3",
        "pipeline.processors[-1].mapping=root = 3",
    ])
    func indexesIntoLists(_ expression: String) throws {
        let root = try apply(expression)
        let second = try #require(root.node(at: try ConfigPath(parsing: "pipeline.processors[1].mapping")))
        #expect(second.scalarText == "root = 3")
        #expect(root.node(at: try ConfigPath(parsing: "pipeline.processors[0].mapping"))?.scalarText == "root = 1")
    }

    @Test func appendsWithADash() throws {
        let root = try apply("pipeline.processors.-.noop={}", "pipeline.processors[-].log.message=hi")
        guard case .sequence(let items, _)? = root["pipeline"]?["processors"] else {
            Issue.record("not a list")
            return
        }
        #expect(items.count == 4)
        #expect(items[2].keys == ["noop"])
        #expect(items[3]["log"]?["message"]?.scalarText == "hi")
    }

    @Test func valuesAreYAML() throws {
        let root = try apply("pipeline.threads=4", "output={drop: {}}", "tags=[a, b]")
        #expect(configJSON(try #require(root["pipeline"]?["threads"])) == "4")
        #expect(root["output"]?.keys == ["drop"])
        #expect(configJSON(try #require(root["tags"])) == #"["a","b"]"#)
        let config = try StreamConfig(root)
        #expect(config.pipeline.threads == 4)
    }

    @Test(arguments: [
        ("no-equals", "invalid set expression 'no-equals': expected foo=bar syntax"),
        ("=x", "invalid set expression '=x': expected foo=bar syntax"),
        ("a.b=", "invalid set expression 'a.b=': expected foo=bar syntax"),
        (
            "pipeline.processors[5].mapping=x",
            "failed to set config field override: pipeline.processors[5]: target index greater than array length"
        ),
        (
            "input.generate.mapping.deeper=x",
            "failed to set config field override: input.generate.mapping.deeper: expected an object to set a field in, got !!str"
        ),
        ("a..b=x", "invalid set expression 'a..b=x': invalid path 'a..b': empty segment"),
    ])
    func badExpressions(_ expression: String, message: String) throws {
        let root = try ConfigLoader.parseYAML(Self.yaml)
        do {
            _ = try ConfigLoader.applyOverride(expression, to: root)
            Issue.record("expected an error for \(expression)")
        } catch {
            #expect(error.message == message)
        }
    }

    @Test func pathsRoundTrip() throws {
        for text in ["a", "a.b", "a[0]", "a.b[2].c", "a[-1][0].x"] {
            #expect(try ConfigPath(parsing: text).description == text)
        }
        #expect(try ConfigPath(parsing: "a.0.b").segments == [.key("a"), .key("0"), .key("b")])
        #expect(try ConfigPath(parsing: "a[-]").segments == [.key("a"), .append])
    }

    @Test func loadAppliesOverridesAfterResources() throws {
        let loader = ConfigLoader(environment: [:])
        let root = try loader.load(file: nil, overrides: ["input.generate.mapping=root = 1"])
        #expect(root["input"]?["generate"]?["mapping"]?.scalarText == "root = 1")
    }
}
