import Bloblang
import BloblangStdlib
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs Benthos config unit tests: finds the targets, lints each config, and runs each case
/// (feed the input batches through the target processors, check the output batches).
///
/// ```swift
/// let runner = UnitTestRunner(registry: StreamComponents.registry)
/// let report = await runner.run(paths: ["./tests"])
/// print(report.text(), terminator: "")
/// ```
public struct UnitTestRunner: Sendable {
    public var registry: ComponentRegistry
    public var environment: Environment
    /// Resource files merged into every target config (`-r`).
    public var resourcePaths: [String]
    /// Where the processors under test log (silent by default, as in Benthos).
    public var logger: StructuredLogger
    /// Whether each target config is linted first; lint errors fail the target.
    public var lint: Bool
    /// Whether a case's `environment` is also set in the process environment while the case
    /// is built and run, so that `env()` in mappings sees it (Benthos does this). The process
    /// environment is shared, so only turn this on when cases run one at a time in the process.
    public var setsProcessEnvironment: Bool

    public init(
        registry: ComponentRegistry, environment: Environment = .standard, resourcePaths: [String] = [],
        logger: StructuredLogger = .silent, lint: Bool = true, setsProcessEnvironment: Bool = false
    ) {
        self.registry = registry
        self.environment = environment
        self.resourcePaths = resourcePaths
        self.logger = logger
        self.lint = lint
        self.setsProcessEnvironment = setsProcessEnvironment
    }

    // MARK: - Whole runs

    /// Finds and runs every test under `paths` (files, folders, `dir/...`, globs).
    public func run(paths: [String]) async -> UnitTestReport {
        let targets: [UnitTestTarget]
        do {
            targets = try UnitTestDiscovery.targets(paths, environment: environment)
        } catch {
            return UnitTestReport(error: "Failed to obtain test targets: \(error)")
        }
        var results: [TargetResult] = []
        for t in targets { results.append(await run(t)) }
        return UnitTestReport(targets: results)
    }

    /// Lints a target's config and runs its cases.
    public func run(_ target: UnitTestTarget) async -> TargetResult {
        var result = TargetResult(target: target, lints: lint ? lintErrors(target.configPath) : [])
        let provider = TestProcessorProvider(
            configPath: target.configPath, resourcePaths: resourcePaths, registry: registry, environment: environment,
            logger: logger)
        let directory = (target.configPath as NSString).deletingLastPathComponent
        for c in target.cases {
            result.cases.append(await run(c, provider: provider, directory: directory.isEmpty ? "." : directory))
        }
        return result
    }

    /// The lint errors of a config (warnings and unset environment variables do not count,
    /// since cases set their own variables). A file starting with `# BENTHOS LINT DISABLE`
    /// is not linted.
    func lintErrors(_ configPath: String) -> [ConfigError] {
        if let data = FileManager.default.contents(atPath: configPath),
            data.starts(with: Array("# BENTHOS LINT DISABLE".utf8))
        {
            return []
        }
        let linter = Linter(registry: registry, environment: environment)
        return linter.lint(file: configPath, resources: resourcePaths).filter {
            $0.severity == .error && !$0.message.hasPrefix("required environment variables were not set")
        }
    }

    // MARK: - One case

    /// Runs one case with processors from `provider`; file paths in the case are relative to
    /// `directory`.
    public func run(_ c: UnitTestCase, provider: TestProcessorProvider, directory: String) async -> CaseResult {
        var result = CaseResult(name: c.name, line: c.line)
        let restore = setsProcessEnvironment ? Self.setEnvironment(c.environment ?? [:]) : {}
        defer { restore() }

        let processors: [any Processor]
        do {
            processors = try Self.processors(for: c, provider: provider)
        } catch {
            result.failures.append(error.message)
            return result
        }

        var inputs: [Batch] = []
        for batch in c.inputBatches {
            var messages: Batch = []
            for (i, item) in batch.enumerated() {
                do {
                    messages.append(try item.message(directory: directory))
                } catch {
                    result.failures.append("failed to create test input \(i): \(error)")
                    return result
                }
            }
            inputs.append(messages)
        }

        let outputs = await Self.execute(processors, inputs)
        for p in processors { await p.close() }
        result.failures = Self.compare(outputs, c.outputBatches, directory: directory)
        return result
    }

    /// The processors a case runs: its mapping file, or the processors at its target.
    static func processors(for c: UnitTestCase, provider: TestProcessorProvider) throws(UnitTestError) -> [any Processor] {
        if !c.targetMapping.isEmpty {
            do {
                return [try provider.mappingProcessor(path: c.targetMapping)]
            } catch {
                throw UnitTestError("failed to initialise Bloblang mapping '\(c.targetMapping)': \(error)")
            }
        }
        do {
            return try provider.processors(target: c.targetProcessors, variables: c.environment ?? [:], mocks: c.mocks)
        } catch {
            throw UnitTestError("failed to initialise processors '\(c.targetProcessors)': \(error)")
        }
    }

    /// Feeds the batches through the processors in order, as Benthos's `ExecuteAll` does:
    /// every batch through the first processor, all results through the next, and so on.
    public static func execute(_ processors: [any Processor], _ batches: [Batch]) async -> [Batch] {
        await ProcessorList.executeAll(processors, batches)
    }

    /// Checks output batches against the expected ones; the failures in Benthos's words.
    public static func compare(_ outputs: [Batch], _ expected: [[OutputConditions]], directory: String) -> [String] {
        var failures: [String] = []
        if expected.count > outputs.count {
            failures.append("wrong batch count, expected \(expected.count), got \(outputs.count)")
        }
        for (i, batch) in outputs.enumerated() {
            guard i < expected.count else {
                failures.append("unexpected batch: [\(batch.map(\.text).joined(separator: " "))]")
                continue
            }
            let conditions = expected[i]
            if conditions.count != batch.count {
                failures.append(
                    "mismatch of output batch \(i) message counts, expected \(conditions.count), got \(batch.count)")
            }
            for (j, message) in batch.enumerated() {
                guard j < conditions.count else {
                    failures.append("unexpected message from batch \(i): \(message.text)")
                    continue
                }
                let errors = conditions[j].check(message, directory: directory)
                for e in errors { failures.append("batch \(i) message \(j): \(e)") }
                if let processingError = message.error, !errors.isEmpty {
                    failures.append("batch \(i) message \(j): \(processingError)")
                }
            }
        }
        return failures
    }

    // MARK: - Process environment

    /// Sets `variables` in the process environment and returns what puts it back.
    static func setEnvironment(_ variables: [String: String]) -> () -> Void {
        if variables.isEmpty { return {} }
        // A list, not a dictionary: assigning a nil old value to a dictionary would drop the key.
        var previous: [(name: String, value: String?)] = []
        for (k, v) in variables {
            previous.append((k, getenv(k).map { String(cString: $0) }))
            setenv(k, v, 1)
        }
        return {
            for (k, old) in previous {
                if let old { setenv(k, old, 1) } else { unsetenv(k) }
            }
        }
    }
}
