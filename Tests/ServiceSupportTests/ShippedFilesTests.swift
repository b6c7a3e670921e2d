import Foundation
import StreamRuntime
import Testing

@testable import ServiceSupport

/// The configs and mappings in config/ and mappings/ are what operators run: check them here
/// so that `swift test` catches a broken one.
@Suite struct ShippedFilesTests {
    static let components = ["api-gateway", "ml-worker", "results-collector"]

    @Test func theMappingUnitTestsPass() async {
        // As `sluice test` does: a case's `environment` is set in the process so that `env()`
        // sees it (request.blobl reads GATEWAY_MAX_BODY_BYTES; no other test reads it).
        let runner = UnitTestRunner(registry: ComponentRunner.standardRegistry, setsProcessEnvironment: true)
        let report = await runner.run(paths: [TestPaths.inRepository("mappings") + "/..."])
        #expect(report.passed, "\(report.text(verbose: false))")
        // One test file per component at least.
        #expect(report.targets.count >= Self.components.count)
    }

    @Test(arguments: components)
    func theConfigLintsWithTheDefaultEnvironment(component: String) throws {
        let env = ServiceEnvironment(
            component: component, processEnvironment: [:], workingDirectory: TestPaths.repository)
        let loader = ConfigLoader(environment: env.variables)
        let issues = Linter(registry: MappingReloader().registry(wrapping: ComponentRunner.standardRegistry), loader: loader)
            .lint(file: env.configPath)
        let rendered = issues.map { ComponentRunner.render($0, file: env.configPath) }
        #expect(rendered.isEmpty, "\(rendered.joined(separator: "\n"))")
    }

    @Test func everyMigrationIsReadInOrder() throws {
        let migrations = try Migrator(directory: TestPaths.inRepository("migrations")).migrations()
        #expect(!migrations.isEmpty)
        #expect(migrations.map(\.version) == migrations.map(\.version).sorted())
        let all = migrations.map(\.sql).joined(separator: "\n")
        for table in ["users", "requests", "token_logs"] {
            #expect(all.contains("CREATE TABLE IF NOT EXISTS \(table)"))
        }
    }
}
