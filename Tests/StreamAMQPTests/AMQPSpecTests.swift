import AMQPClient
import Bloblang
import Foundation
import StreamRuntime
import Testing

@testable import StreamAMQP

@Suite("AMQP specs and config (no broker)")
struct AMQPSpecTests {
    @Test(arguments: StreamAMQP.all.indices)
    func examplesParseAndLint(_ index: Int) throws {
        let spec = StreamAMQP.all[index]
        #expect(!spec.examples.isEmpty)
        let linter = Linter(registry: AMQPTest.registry)
        for example in spec.examples {
            let issues = linter.lintExample(example, of: spec)
            #expect(issues.isEmpty, "\(spec.name) example \(example.title): \(issues)")
            // Building needs no broker: connections are made in connect().
            let root = try ConfigLoader.parseYAML(example.yaml)
            let node = try #require(root[spec.kind.rawValue])
            switch spec.kind {
            case .input: _ = try AMQPTest.context().buildInput(node, path: "input")
            default: _ = try AMQPTest.context().buildOutput(node, path: "output")
            }
        }
        for field in spec.fields { #expect(!field.summary.isEmpty, "\(spec.name).\(field.name)") }
    }

    @Test func aliasesLintWithAWarningNamingTheCanonicalName() {
        let yaml = """
            input:
              amqp_0:
                urls: [ "amqp://guest:guest@127.0.0.1:5672/" ]
                queue: in
            output:
              amqp_1:
                urls: [ "amqp://guest:guest@127.0.0.1:5672/" ]
                queue: out
            """
        let issues = Linter(registry: AMQPTest.registry).lint(yaml: yaml)
        #expect(issues.allSatisfy { $0.severity == .warning }, "\(issues)")
        let text = issues.map(\.description).joined(separator: "\n")
        #expect(text.contains("amqp_0 is an alias of the input amqp_0_9, use amqp_0_9 instead"), "\(text)")
        #expect(text.contains("amqp_1 is an alias of the output amqp_0_9, use amqp_0_9 instead"), "\(text)")
    }

    @Test func immediateIsRefused() {
        let error = #expect(throws: ConfigError.self) {
            try AMQPTest.output(#"amqp_0_9: { urls: ["amqp://127.0.0.1"], exchange: x, immediate: true }"#)
        }
        #expect(error?.description.contains("immediate is not supported by RabbitMQ") == true, "\(String(describing: error))")
    }

    @Test func badConfigsSayWhatAndWhere() {
        let cases: [(String, String)] = [
            (#"amqp_0_9: { urls: ["http://127.0.0.1"], queue: q }"#, "expected the scheme amqp://"),
            (#"amqp_0_9: { urls: ["amqp://h:99999/"], queue: q }"#, "bad port"),
            (#"amqp_0_9: { urls: [], queue: q }"#, "at least one URL is required"),
            (#"amqp_0_9: { urls: ["amqp://h"], queue: q, nack_reject_patterns: ["("] }"#, "invalid regular expression"),
            (#"amqp_0_9: { urls: ["amqp://h"], queue: q, prefetch_count: 70000 }"#, "prefetch_count must be between"),
            (#"amqp_0_9: { urls: ["amqp://h"] }"#, "queue"),
        ]
        for (yaml, expected) in cases {
            do {
                _ = try AMQPTest.input(yaml)
                Issue.record("\(yaml) built")
            } catch {
                #expect("\(error)".contains(expected), "\(yaml): \(error)")
                #expect("\(error)".contains("input.amqp_0_9"), "\(yaml): \(error)")
            }
        }
    }

    @Test(arguments: [
        ("amqp://guest:guest@127.0.0.1:5672/%2f", AMQPURL(host: "127.0.0.1", port: 5672, user: "guest", password: "guest", vhost: "/")),
        ("amqp://u:p%40ss@rabbit:5673/prod", AMQPURL(host: "rabbit", port: 5673, user: "u", password: "p@ss", vhost: "prod")),
        ("amqp://rabbit", AMQPURL(host: "rabbit")),
        ("amqp://a:b@[::1]:5680/", AMQPURL(host: "::1", port: 5680, user: "a", password: "b", vhost: "/")),
    ])
    func urlsParse(_ text: String, _ expected: AMQPURL) throws {
        #expect(try AMQPURL(parsing: text) == expected)
    }

    @Test func urlErrorsHideThePassword() {
        do {
            _ = try AMQPURL(parsing: "amqp://user:secret@host:notaport/")
            Issue.record("parsed")
        } catch {
            #expect(error.code == .invalidURL)
            #expect(!error.message.contains("secret"), "\(error)")
            #expect(error.message.contains("bad port"), "\(error)")
        }
    }

    @Test func headersBecomeMetadataAsInBenthos() {
        var meta: [String: Bloblang.Value] = [:]
        AMQPConversions.addHeader("x-trace-id", .string("abc"), to: &meta)
        AMQPConversions.addHeader("nested", .table(["a": .int(1), "b": .array([.bool(true), .string("")])]), to: &meta)
        AMQPConversions.addHeader("price", .decimal(scale: 2, value: 1234), to: &meta)
        #expect(meta["x_trace_id"]?.plainString == "abc")
        #expect(meta["nested_a"]?.plainString == "1")
        #expect(meta["nested_b_0"]?.plainString == "true")
        #expect(meta["nested_b_1"] == nil)
        #expect(meta["price"]?.plainString == "12.34")
    }
}
