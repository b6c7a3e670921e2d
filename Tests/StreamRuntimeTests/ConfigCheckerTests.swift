import Bloblang
import BloblangStdlib
import StreamRuntime
import Testing

/// A processor that passes batches on, for the fake registry.
struct ConfigTestNoop: Processor, Input, Output {
    func process(_ batch: Batch) async -> [Batch] { [batch] }
    func connect() async throws {}
    func read() async throws -> (Batch, AckHandler) { throw InputError.endOfInput }
    func write(_ batch: Batch) async throws {}
    func close() async {}
}

/// A tiny registry with one component of each field type.
enum ConfigTestRegistry {
    static let processor: @Sendable (ComponentConfig, BuildContext) throws -> Component = { _, _ in .processor(ConfigTestNoop()) }
    static let input: @Sendable (ComponentConfig, BuildContext) throws -> Component = { _, _ in .input(ConfigTestNoop()) }
    static let output: @Sendable (ComponentConfig, BuildContext) throws -> Component = { _, _ in .output(ConfigTestNoop()) }

    static let specs: [ComponentSpec] = [
        ComponentSpec(
            .processor, "mapping", aliases: ["bloblang"], summary: "Maps.",
            fields: [FieldSpec("", .bloblang, "The mapping.")], examples: [ConfigExample("Copy", yaml: "mapping: root = this")],
            build: processor),
        ComponentSpec(
            .processor, "log", summary: "Logs.",
            fields: [
                FieldSpec(
                    "level", .string, "Level.", default: .string("INFO"), options: ["TRACE", "DEBUG", "INFO", "WARN", "ERROR"]),
                FieldSpec("message", .interpolatedString, "Message.", default: .string("")),
                FieldSpec("fields_mapping", .bloblang, "Fields.", optional: true),
            ], build: processor),
        ComponentSpec(
            .processor, "sleep", summary: "Sleeps.", fields: [FieldSpec("duration", .duration, "How long.")], build: processor),
        ComponentSpec(
            .processor, "switch", summary: "Switches.",
            fields: [
                FieldSpec(
                    "",
                    .array(
                        .object([
                            FieldSpec("check", .bloblang, "Condition.", default: .string("")),
                            FieldSpec("processors", .processors, "Processors.", default: .array([])),
                            FieldSpec("fallthrough", .bool, "Fall through.", default: .bool(false)),
                        ])), "Cases.")
            ], build: processor),
        ComponentSpec(.processor, "resource", summary: "Resource.", fields: [FieldSpec("", .string, "Label.")], build: processor),
        ComponentSpec(.processor, "noop", summary: "Nothing.", fields: [], build: processor),
        ComponentSpec(.processor, "old_thing", status: .deprecated, summary: "Old.", fields: [], build: processor),
        ComponentSpec(
            .processor, "retry", summary: "Retries.",
            fields: [
                FieldSpec("max_retries", .int, "Retries.", default: .int(0)),
                FieldSpec("ratio", .float, "Ratio.", default: .float(1)),
                FieldSpec("processors", .processors, "Processors."),
                FieldSpec("tags", .array(.string), "Tags.", optional: true),
                FieldSpec("headers", .map(.interpolatedString), "Headers.", optional: true),
            ], build: processor),
        ComponentSpec(
            .input, "generate", summary: "Generates.",
            fields: [
                FieldSpec("mapping", .bloblang, "Mapping."),
                FieldSpec("interval", .duration, "Interval.", default: .string("1s")),
                FieldSpec("count", .int, "Count.", default: .int(0)),
            ], build: input),
        ComponentSpec(.output, "drop", summary: "Drops.", fields: [], build: output),
        ComponentSpec(
            .output, "broker", summary: "Brokers.",
            fields: [
                FieldSpec("pattern", .string, "Pattern.", default: .string("fan_out"), options: ["fan_out", "round_robin"]),
                FieldSpec("outputs", .outputs, "Outputs."),
            ], build: output),
    ]

    static let registry = ComponentRegistry(specs)
}

/// Lints `yaml` with the fake registry.
func lintIssues(_ yaml: String, file: String = "test.yaml") -> [ConfigError] {
    Linter(registry: ConfigTestRegistry.registry, loader: ConfigLoader(environment: [:])).lint(yaml: yaml, file: file)
}

/// `line:column: path: message` of each issue, for compact expectations.
func rendered(_ issues: [ConfigError]) -> [String] {
    issues.map { i in
        "\(i.location.map { "\($0.line):\($0.column)" } ?? "-"): \(i.path): \(i.severity == .warning ? "warning: " : "")\(i.message)"
    }
}

@Suite struct ConfigCheckerTests {
    @Test func aCleanConfigHasNoIssues() {
        let issues = lintIssues(
            """
            input:
              generate:
                mapping: 'root = {"id": uuid_v4()}'
                interval: 5s
                count: 3
            pipeline:
              threads: 2
              processors:
                - mapping: |
                    root = this
                    root.n = this.n + 1
                - log:
                    level: debug
                    message: 'got ${! this.id }'
                - switch:
                    - check: this.n > 1
                      processors:
                        - noop: {}
                - label: shared_ref
                  noop: {}
            output:
              broker:
                outputs:
                  - drop: {}
            logger:
              level: INFO
              format: json
            metrics:
              prometheus: {}
            http:
              address: 127.0.0.1:4196
            shutdown_timeout: 5s
            """)
        #expect(rendered(issues) == [])
    }

    @Test func unknownFieldsSuggestTheClosestName() {
        let issues = lintIssues(
            """
            input:
              generate:
                mapping: root = 1
                intervall: 5s
            pipline:
              processors: []
            """)
        #expect(
            rendered(issues) == [
                "4:5: input.generate.intervall: field intervall not recognised, did you mean interval?",
                "5:1: pipline: field pipline not recognised, did you mean pipeline?",
            ])
    }

    @Test func unknownComponentTypesSuggestTheClosestName() {
        let issues = lintIssues(
            """
            pipeline:
              processors:
                - mappin: root = 1
                - label: x
            output:
              dorp: {}
            """)
        #expect(
            rendered(issues) == [
                "3:7: pipeline.processors[0].mappin: unknown processor type mappin, did you mean mapping?",
                "4:7: pipeline.processors[1]: unable to infer processor type: no component type given",
                "6:3: output.dorp: unknown output type dorp, did you mean drop?",
            ])
    }

    @Test func wrongTypes() {
        let issues = lintIssues(
            """
            input:
              generate:
                mapping: [1, 2]
                count: many
            pipeline:
              threads: lots
              processors:
                - retry:
                    max_retries: true
                    ratio: half
                    processors: {noop: {}}
                    tags: solo
                    headers: [a]
                - switch: {check: x}
            output: drop
            logger: [1]
            """)
        #expect(
            rendered(issues) == [
                "3:14: input.generate.mapping: expected string value",
                "4:12: input.generate.count: expected int value, got !!str \"many\"",
                "6:12: pipeline.threads: expected int value, got !!str \"lots\"",
                "9:22: pipeline.processors[0].retry.max_retries: expected int value, got !!bool \"true\"",
                "10:16: pipeline.processors[0].retry.ratio: expected float value, got !!str \"half\"",
                "11:21: pipeline.processors[0].retry.processors: expected array value",
                "12:15: pipeline.processors[0].retry.tags: expected array value",
                "13:18: pipeline.processors[0].retry.headers: expected object value, got !!seq",
                "14:15: pipeline.processors[1].switch: expected array value",
                "15:9: output: expected object value, got !!str",
                "16:9: logger: expected object value, got !!seq",
            ])
    }

    @Test func missingRequiredFields() {
        let issues = lintIssues(
            """
            input:
              generate:
                count: 1
            pipeline:
              processors:
                - sleep: {}
                - retry:
                - mapping:
            """)
        #expect(
            rendered(issues) == [
                "3:5: input.generate.mapping: field mapping is required",
                "6:14: pipeline.processors[0].sleep.duration: field duration is required",
                "7:7: pipeline.processors[1].retry.processors: field processors is required",
                "8:7: pipeline.processors[2].mapping: expected string value, got !!null",
            ])
    }

    @Test func valuesOutsideTheOptions() {
        let issues = lintIssues(
            """
            pipeline:
              processors:
                - log:
                    level: DEBUGG
            output:
              broker:
                pattern: sideways
                outputs: [{drop: {}}]
            logger:
              format: xml
            """)
        #expect(
            rendered(issues) == [
                "4:16: pipeline.processors[0].log.level: value DEBUGG is not a valid option for this field, did you mean DEBUG?",
                "7:14: output.broker.pattern: value sideways is not a valid option for this field (expected one of: fan_out, round_robin)",
                "10:11: logger.format: value xml is not a valid option for this field (expected one of: json, logfmt)",
            ])
    }

    @Test func durationsThatDoNotParse() {
        let issues = lintIssues(
            """
            input:
              generate:
                mapping: root = 1
                interval: 5 seconds
            pipeline:
              processors:
                - sleep:
                    duration: 10
            shutdown_timeout: soon
            """)
        #expect(
            rendered(issues) == [
                "4:15: input.generate.interval: invalid duration \"5 seconds\": time: unknown unit \" seconds\" in duration \"5 seconds\"",
                "8:19: pipeline.processors[0].sleep.duration: invalid duration \"10\": time: missing unit in duration \"10\"",
                "9:19: shutdown_timeout: invalid duration \"soon\": time: invalid duration \"soon\"",
            ])
    }

    @Test func labels() {
        let issues = lintIssues(
            """
            input:
              label: In_Put
              generate:
                mapping: root = 1
            pipeline:
              processors:
                - label: same
                  noop: {}
                - label: same
                  noop: {}
                - label: _hidden
                  noop: {}
                - label: ok
                  resource: same
            processor_resources:
              - noop: {}
            """)
        #expect(
            rendered(issues) == [
                "2:10: input.label: invalid label 'In_Put': should match the regular expression /^[a-z0-9_\\-]+$/ and must not start with an underscore",
                "9:14: pipeline.processors[1].label: label 'same' collides with a previously defined label at line 7",
                "11:14: pipeline.processors[2].label: invalid label '_hidden': should match the regular expression /^[a-z0-9_\\-]+$/ and must not start with an underscore",
                "13:7: pipeline.processors[3].label: label field should be omitted when pointing to a resource",
                "14:17: pipeline.processors[3].resource: warning: no processor resource labelled same is defined in this config",
                "16:5: processor_resources[0]: a resource must have a label",
            ])
    }

    @Test func aliasesAndDeprecatedComponentsWarn() {
        let issues = lintIssues(
            """
            pipeline:
              processors:
                - bloblang: root = this
                - old_thing: {}
            """)
        #expect(
            rendered(issues) == [
                "3:7: pipeline.processors[0].bloblang: warning: bloblang is an alias of the processor mapping, use mapping instead",
                "4:7: pipeline.processors[1].old_thing: warning: component old_thing is deprecated",
            ])
        #expect(issues.allSatisfy { $0.severity == .warning })
    }

    @Test func componentNodeShapeErrors() {
        let issues = lintIssues(
            """
            pipeline:
              processors:
                - noop: {}
                  mapping: root = 1
                - noop: {}
                  level: INFO
                - sleep: {duration: 1s}
                  duration: 2s
            """)
        #expect(
            rendered(issues) == [
                "4:7: pipeline.processors[0].mapping: a processor may name only one component type, found noop and mapping",
                "6:7: pipeline.processors[1].level: field level is invalid when the component type is noop (processor), did you mean label?",
                "8:7: pipeline.processors[2].duration: field duration is invalid when the component type is sleep (processor), it belongs under sleep",
            ])
    }

    @Test func metricsAndUnsupportedSections() {
        let issues = lintIssues(
            """
            metrics:
              statsd:
                address: localhost:8125
              mapping: 'root = this.'
            tracer:
              jaeger: {}
            """)
        #expect(
            rendered(issues) == [
                "2:3: metrics.statsd: warning: metrics backend statsd is not supported, metrics are served in the prometheus format instead",
                "4:25: metrics.mapping: expected field name, method or `(`",
                "6:3: tracer.jaeger: warning: tracer type jaeger is not supported and is ignored",
            ])
    }

    @Test func nestedComponentsAreCheckedThroughTheRegistry() {
        let issues = lintIssues(
            """
            output:
              broker:
                outputs:
                  - drop: {}
                  - drop: {extra: 1}
            pipeline:
              processors:
                - switch:
                    - check: this.a ==
                      processors:
                        - log: {levle: INFO}
                    - fallthrough: yes
            """)
        #expect(rendered(issues).count == 4)
        #expect(rendered(issues)[0] == "5:16: output.broker.outputs[1].drop.extra: field extra not recognised")
        #expect(rendered(issues)[1].hasPrefix("9:27: pipeline.processors[0].switch[0].check: "))
        #expect(
            rendered(issues)[2]
                == "11:21: pipeline.processors[0].switch[0].processors[0].log.levle: field levle not recognised, did you mean level?"
        )
        #expect(
            rendered(issues)[3] == "12:24: pipeline.processors[0].switch[1].fallthrough: expected bool value, got !!str \"yes\"")
    }

    @Test func checkOneComponentConfig() throws {
        let spec = try #require(ConfigTestRegistry.registry.spec(.input, "generate"))
        let body = try ConfigLoader.parseYAML("mapping: root = \ninterval: 1x\n", file: "g.yaml")
        let config = ComponentConfig(spec: spec, node: body, path: "input.generate", label: "Bad")
        let issues = ConfigChecker.check(config, registry: ConfigTestRegistry.registry, environment: .standard)
        #expect(issues.map(\.path) == ["input.generate", "input.generate.mapping", "input.generate.interval"])
        #expect(issues[1].location?.line == 1)
        #expect(issues.allSatisfy { $0.severity == .error })
    }

    @Test func labelRules() {
        #expect(ConfigChecker.labelProblem("good_label-1") == nil)
        #expect(ConfigChecker.labelProblem("Bad") != nil)
        #expect(ConfigChecker.labelProblem("_x") != nil)
        #expect(ConfigChecker.labelProblem("-x") != nil)
        #expect(ConfigChecker.labelProblem("a b") != nil)
    }
}
