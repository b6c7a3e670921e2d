import ArgumentParser
import Foundation
import StreamComponents
import StreamRuntime

extension Sluice {
    /// Lints config files against the component specs.
    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check config files for mistakes without running them.",
            discussion: """
                Reports unknown fields (with the closest valid name), values of the wrong type, missing \
                required fields, values outside a field's options, bad durations and labels, and Bloblang \
                errors inside mappings and `${! }` interpolations, each as FILE:LINE:COL: PATH: MESSAGE. \
                Warnings (an alias used instead of a component's name, an unsupported metrics backend) \
                say "warning:" before the message.

                A folder is searched for .yaml and .yml files. Environment variables are replaced as \
                `sluice run` does; an unset variable without a default is an error.

                Exit status: 0 when no file has an error (warnings do not count); 1 otherwise.

                Examples:
                  sluice lint config.yaml
                  sluice lint ./configs
                  sluice lint -r resources.yaml config.yaml
                """
        )

        @Argument(help: "Config files or folders to lint.")
        var paths: [String]

        @Option(name: [.customShort("r"), .customLong("resources")], help: "A resource file merged into every linted file.")
        var resources: [String] = []

        @Flag(name: .customLong("no-warnings"), help: "Print errors only.")
        var noWarnings = false

        func run() throws {
            let linter = Linter(registry: AllComponents.registry)
            var failed = false
            for file in Self.expand(paths) {
                for issue in linter.lint(file: file, resources: resources) {
                    if issue.severity == .error { failed = true } else if noWarnings { continue }
                    print(Self.render(issue, file: file))
                }
            }
            if failed { throw ExitCode(1) }
        }

        /// `FILE:LINE:COL: path: message`, with `warning: ` before the message of a warning.
        static func render(_ issue: ConfigError, file: String) -> String {
            let loc = issue.location
            var s = "\(loc?.file ?? file):\(loc?.line ?? 1):\(loc?.column ?? 1): "
            if !issue.path.isEmpty { s += "\(issue.path): " }
            if issue.severity == .warning { s += "warning: " }
            return s + issue.message
        }

        /// The files to lint: files as given, folders searched for YAML files (sorted).
        static func expand(_ paths: [String]) -> [String] {
            var out: [String] = []
            for p in paths {
                let path = p.hasSuffix("/...") ? String(p.dropLast(4)) : p
                var isDir: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue else {
                    out.append(p)
                    continue
                }
                let found = (FileManager.default.subpaths(atPath: path) ?? [])
                    .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
                    .sorted()
                out += found.map { (path as NSString).appendingPathComponent($0) }
            }
            return out
        }
    }
}
