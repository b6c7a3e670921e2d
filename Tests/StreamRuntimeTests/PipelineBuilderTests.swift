import Bloblang
import Testing

@testable import StreamRuntime

/// A registry of fake components, so the builder is tested on its own.
enum FakeComponents {
    static let input = ComponentSpec(
        .input, "fake_in", summary: "Numbered test messages.",
        fields: [
            FieldSpec("count", .int, "How many messages.", default: .int(10)),
            FieldSpec("batch_size", .int, "Messages per batch.", default: .int(1)),
        ]
    ) { config, _ in
        .input(FakeInput(total: try config.int("count"), batchSize: try config.int("batch_size")))
    }

    static let output = ComponentSpec(
        .output, "fake_out", summary: "Records writes.",
        fields: [FieldSpec("max_in_flight", .int, "Writes at once.", default: .int(1))]
    ) { _, _ in .output(FakeOutput()) }

    static let suffix = ComponentSpec(
        .processor, "suffix", summary: "Appends text.", fields: [FieldSpec("", .string, "The text.")]
    ) { config, _ in
        let text = try config.string("")
        return .processor(
            MapProcessor { m in
                var m = m
                m.setContent(m.content + Array(text.utf8))
                return m
            })
    }

    static var registry: ComponentRegistry { ComponentRegistry([input, output, suffix]) }
}

@Suite("StreamBuilder")
struct PipelineBuilderTests {
    func build(_ yaml: String, logs: LineCollector? = nil) throws -> StreamService {
        let root = try ConfigLoader.parseYAML(yaml, file: "test.yaml")
        return try StreamBuilder(registry: FakeComponents.registry, logSink: logs?.sink ?? .discard).build(root: root)
    }

    @Test("input, output and pipeline processors run in order, with input/output processors around them")
    func builds() async throws {
        let service = try build(
            """
            input:
              label: source
              fake_in:
                count: 6
                batch_size: 2
              processors:
                - suffix: "-in"
            pipeline:
              threads: 1
              processors:
                - label: first
                  suffix: "-p0"
                - suffix: "-p1"
            output:
              fake_out: {}
              processors:
                - suffix: "-out"
            http:
              enabled: false
            shutdown_timeout: 3s
            """)
        #expect(service.shutdownTimeout == .seconds(3))
        #expect(service.pipeline.inputInfo == ComponentInfo(type: "fake_in", label: "source", path: "root.input"))
        await service.pipeline.run()
        let output = try #require(service.pipeline.output as? FakeOutput)
        #expect(output.written == (0..<6).map { "m\($0)-in-p0-p1-out" })
        let m = service.metrics
        #expect(m.value("processor_sent", labels: ["label": "first", "path": "root.pipeline.processors.0"]) == 6)
        #expect(m.value("processor_sent", labels: ["label": "", "path": "root.input.processors.0"]) == 6)
        #expect(m.value("processor_sent", labels: ["label": "", "path": "root.output.processors.0"]) == 6)
        #expect(m.value("input_received", labels: ["label": "source", "path": "root.input"]) == 6)
    }

    @Test("output max_in_flight sets the write concurrency; threads the workers")
    func options() throws {
        let service = try build(
            """
            input: { fake_in: {} }
            pipeline: { threads: 3 }
            output: { fake_out: { max_in_flight: 4 } }
            """)
        #expect(service.pipeline.options.outputConcurrency == 4)
        #expect(service.pipeline.options.resolvedThreads == 3)
        #expect(service.http.enabled)
        #expect(service.http.address == "0.0.0.0:4195")
    }

    @Test("errors name the YAML path and line")
    func errors() throws {
        let yaml = """
            input:
              fake_in: {}
            pipeline:
              processors:
                - nope: {}
            output:
              fake_out: {}
            """
        let root = try ConfigLoader.parseYAML(yaml, file: "test.yaml")
        #expect {
            try StreamBuilder(registry: FakeComponents.registry, logSink: .discard).build(root: root)
        } throws: { error in
            guard let e = error as? ConfigError else { return false }
            return e.path.hasPrefix("pipeline.processors[0]") && e.location?.line == 5 && e.message.contains("nope")
        }
    }

    @Test("metrics.mapping renames and drops series; none disables metrics")
    func metricsMapping() async throws {
        let service = try build(
            """
            input: { fake_in: { count: 3 } }
            output: { fake_out: {} }
            metrics:
              prometheus: {}
              mapping: |
                root = if this.has_prefix("output_") { "out_" + this.trim_prefix("output_") } else if this == "input_received" { deleted() }
                meta path = deleted()
            """)
        await service.pipeline.run()
        let text = service.metrics.render()
        #expect(text.contains(#"out_sent{label=""} 3"#))
        #expect(!text.contains("input_received"))
        #expect(!text.contains("root.output"))

        let none = try build(
            """
            input: { fake_in: { count: 3 } }
            output: { fake_out: {} }
            metrics: { none: {} }
            """)
        await none.pipeline.run()
        #expect(none.metrics.render() == "")
    }

    @Test("logger settings shape the lines")
    func logger() async throws {
        let logs = LineCollector()
        let service = try build(
            """
            input: { fake_in: { count: 1 } }
            output: { fake_out: {} }
            logger:
              level: info
              format: json
              add_timestamp: false
              static_fields:
                '@service': test
            """, logs: logs)
        await service.pipeline.run()
        #expect(
            logs.all.contains(
                #"{"@service":"test","label":"","level":"info","msg":"Input type fake_in is now active","path":"root.input"}"#))
    }
}
