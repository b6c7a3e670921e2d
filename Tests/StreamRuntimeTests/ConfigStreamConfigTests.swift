import Bloblang
import Foundation
import StreamRuntime
import Testing

/// The typed top-level config.
@Suite struct ConfigStreamConfigTests {
    @Test func defaults() throws {
        let config = try StreamConfig(try ConfigLoader.parseYAML(""))
        #expect(config.input == nil)
        #expect(config.output == nil)
        #expect(config.pipeline.threadsSetting == -1)
        #expect(config.pipeline.threads == max(1, ProcessInfo.processInfo.activeProcessorCount))
        #expect(config.pipeline.processors == nil)
        #expect(config.http.address == "0.0.0.0:4195")
        #expect(config.http.enabled)
        #expect(!config.http.debugEndpoints)
        #expect(config.shutdownTimeout == 20)
        #expect(config.shutdownDelay == 0)
        #expect(config.logger.level == .info)
        #expect(config.logger.format == .logfmt)
        #expect(config.logger.addTimestamp)
        #expect(config.logger.staticFields == ["@service": "sluice"])
        #expect(config.metrics.backend == "prometheus")
        #expect(config.metrics.mapping == "")
        #expect(config.warnings.isEmpty)
        #expect(config.tests == nil)
    }

    @Test func readsEverySection() throws {
        let config = try StreamConfig(
            try ConfigLoader.parseYAML(
                """
                http:
                  address: 127.0.0.1:9000
                  enabled: false
                  debug_endpoints: true
                input:
                  generate: {mapping: root = 1}
                pipeline:
                  threads: 3
                  processors:
                    - noop: {}
                output:
                  drop: {}
                input_resources:
                  - label: in_a
                    generate: {mapping: root = 2}
                processor_resources:
                  - label: p_a
                    noop: {}
                output_resources:
                  - label: o_a
                    drop: {}
                logger:
                  level: debug
                  format: json
                  add_timestamp: false
                  static_fields:
                    app: demo
                metrics:
                  mapping: root = this
                  none: {}
                shutdown_timeout: 1m30s
                tests:
                  - name: t
                """), baseDirectory: "/tmp/x")
        #expect(config.baseDirectory == "/tmp/x")
        #expect(config.http.address == "127.0.0.1:9000")
        #expect(!config.http.enabled)
        #expect(config.http.debugEndpoints)
        #expect(config.input?.keys == ["generate"])
        #expect(config.output?.keys == ["drop"])
        #expect(config.pipeline.threads == 3)
        guard case .sequence(let procs, _)? = config.pipeline.processors else {
            Issue.record("processors missing")
            return
        }
        #expect(procs.count == 1)
        #expect(config.inputResources.map(\.label) == ["in_a"])
        #expect(config.processorResources.map(\.label) == ["p_a"])
        #expect(config.processorResources.first?.path == "processor_resources[0]")
        #expect(config.outputResources.map(\.label) == ["o_a"])
        #expect(config.resource(.processor, "p_a")?.node["noop"] != nil)
        #expect(config.resource(.output, "p_a") == nil)
        #expect(config.logger.level == .debug)
        #expect(config.logger.levelName == "DEBUG")
        #expect(config.logger.format == .json)
        #expect(!config.logger.addTimestamp)
        #expect(config.logger.staticFields == ["app": "demo"])
        #expect(config.metrics.backend == "none")
        #expect(config.metrics.mapping == "root = this")
        #expect(config.shutdownTimeout == 90)
        #expect(config.tests != nil)
    }

    @Test func unknownMetricsBackendsWarn() throws {
        let config = try StreamConfig(try ConfigLoader.parseYAML("metrics:\n  statsd:\n    address: x\n"))
        #expect(config.metrics.backend == "prometheus")
        #expect(
            config.warnings.map(\.message) == [
                "metrics backend statsd is not supported, metrics are served in the prometheus format instead"
            ])
        #expect(config.warnings.first?.severity == .warning)
        #expect(config.warnings.first?.location?.line == 2)
    }

    @Test(arguments: [
        ("pipeline:\n  threads: x\n", "pipeline.threads", 2, "expected int value, got !!str"),
        ("shutdown_timeout: 20\n", "shutdown_timeout", 1, "invalid duration \"20\": time: missing unit in duration \"20\""),
        ("logger:\n  level: LOUD\n", "logger.level", 2, "value LOUD is not a valid option for this field"),
        ("logger: []\n", "logger", 1, "expected object value, got !!seq"),
        ("processor_resources:\n  - noop: {}\n", "processor_resources[0]", 2, "a resource must have a label"),
        ("http:\n  enabled: maybe\n", "http.enabled", 2, "expected bool value, got !!str"),
    ])
    func badFields(_ yaml: String, path: String, line: Int, message: String) throws {
        do {
            _ = try StreamConfig(try ConfigLoader.parseYAML(yaml))
            Issue.record("expected an error")
        } catch {
            #expect(error.path == path)
            #expect(error.location?.line == line)
            #expect(error.message == message)
        }
    }

    @Test func loadResolvesTheBaseDirectory() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-sc-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "input:\n  generate:\n    mapping: root = \"${GREETING:hi}\"\n".write(
            toFile: "\(dir)/c.yaml", atomically: true, encoding: .utf8)
        let config = try StreamConfig.load(
            file: "\(dir)/c.yaml", overrides: ["pipeline.threads=2"], loader: ConfigLoader(environment: ["GREETING": "hello"]))
        #expect(config.baseDirectory == dir)
        #expect(config.input?["generate"]?["mapping"]?.scalarText == "root = \"hello\"")
        #expect(config.pipeline.threads == 2)
        // A missing variable without a default fails the load.
        try "a: ${NOPE}\n".write(toFile: "\(dir)/d.yaml", atomically: true, encoding: .utf8)
        #expect(throws: ConfigError.self) { try StreamConfig.load(file: "\(dir)/d.yaml", loader: ConfigLoader(environment: [:])) }
    }
}
