import Bloblang
import BloblangStdlib
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds config unit tests, with Benthos's rules:
///
/// - `foo_benthos_test.yaml` holds the tests of `foo.yaml` (which must exist);
/// - `foo.yaml` is tested by `foo_benthos_test.yaml` when that exists, otherwise by its own
///   `tests:`; a config without tests is skipped;
/// - `dir/...` (and `./...`) searches `dir` recursively for `.yaml`/`.yml` files; paths with
///   `*`, `?` or `[` are glob patterns.
///
/// Two additions: a folder given without `/...` is searched for the YAML files directly
/// inside it (not its subfolders); and `foo_test.yaml` counts as the test definition of
/// `foo.yaml` when `foo.yaml` exists, no `foo_benthos_test.yaml` does, and `foo_test.yaml`
/// has nothing but `tests:` (otherwise it is a config of its own, as in Benthos).
public enum UnitTestDiscovery {
    /// Benthos's suffix for test definitions beside a config.
    public static let definitionSuffix = "_benthos_test"
    /// The second suffix sluice accepts for tests-only files beside a config.
    public static let shortSuffix = "_test"
    static let extensions = [".yaml", ".yml"]

    /// The config and the definition path that belong together, from either path
    /// (`a/foo.yaml` → `a/foo.yaml`, `a/foo_benthos_test.yaml`).
    public static func pathPair(_ path: String, suffix: String = definitionSuffix) -> (config: String, definition: String) {
        let dir = (path as NSString).deletingLastPathComponent
        let file = (path as NSString).lastPathComponent
        let ext = (file as NSString).pathExtension
        let dotExt = ext.isEmpty ? "" : ".\(ext)"
        let base = String(file.dropLast(dotExt.count))
        func join(_ name: String) -> String { UnitTestInput.clean(dir.isEmpty ? name : "\(dir)/\(name)") }
        if base.hasSuffix(suffix) {
            return (join(String(base.dropLast(suffix.count)) + dotExt), UnitTestInput.clean(path))
        }
        return (UnitTestInput.clean(path), join(base + suffix + dotExt))
    }

    /// The files `paths` stand for: files as given, folders and `...` paths searched, globs
    /// expanded. Sorted within each path.
    public static func expand(_ paths: [String]) -> [String] {
        var out: [String] = []
        var seen: Set<String> = []
        func add(_ p: String) {
            let clean = UnitTestInput.clean(p)
            if seen.insert(clean).inserted { out.append(clean) }
        }
        let fm = FileManager.default
        for p in paths {
            if p.hasSuffix("...") {
                let root = (p == "..." || p == "./...") ? "." : String(p.dropLast(3)).trimmingSuffix("/")
                let found = (fm.subpaths(atPath: root) ?? []).filter(isYAML).sorted()
                for f in found where !isDirectory((root as NSString).appendingPathComponent(f)) {
                    add((root as NSString).appendingPathComponent(f))
                }
            } else if isDirectory(p) {
                let found = ((try? fm.contentsOfDirectory(atPath: p)) ?? []).filter(isYAML).sorted()
                for f in found where !isDirectory((p as NSString).appendingPathComponent(f)) {
                    add((p as NSString).appendingPathComponent(f))
                }
            } else if p.contains(where: { "*?[".contains($0) }) {
                glob(p).forEach(add)
            } else {
                add(p)
            }
        }
        return out
    }

    /// The test targets of `paths`, sorted by config path. Configs without tests are left out.
    /// - Parameter environment: parses the Bloblang conditions of the cases.
    /// - Throws: `UnitTestError` for a definition whose config does not exist, or a
    ///   definition that cannot be read or parsed.
    public static func targets(
        _ paths: [String], environment: Environment = .standard
    ) throws(UnitTestError)
        -> [UnitTestTarget]
    {
        var byConfig: [String: UnitTestTarget] = [:]
        for file in expand(paths) {
            guard let target = try target(for: file, environment: environment), !target.cases.isEmpty else { continue }
            byConfig[target.configPath] = target
        }
        return byConfig.keys.sorted().compactMap { byConfig[$0] }
    }

    /// The target `file` belongs to (nil for a file that is neither a YAML config nor a
    /// definition).
    public static func target(for file: String, environment: Environment = .standard) throws(UnitTestError) -> UnitTestTarget? {
        var (config, definition) = pathPair(file)
        let fm = FileManager.default
        if (file as NSString).lastPathComponent != (definition as NSString).lastPathComponent {
            // A config, or possibly a `_test` file beside one.
            let (shortConfig, _) = pathPair(file, suffix: shortSuffix)
            if shortConfig != UnitTestInput.clean(file), fm.fileExists(atPath: shortConfig),
                !fm.fileExists(atPath: pathPair(shortConfig).definition), isTestsOnly(file)
            {
                config = shortConfig
                definition = UnitTestInput.clean(file)
            }
        }
        guard fm.fileExists(atPath: config) else {
            throw UnitTestError("unable to access target config file '\(config)': stat \(config): no such file or directory")
        }
        if !fm.fileExists(atPath: definition) {
            let short = pathPair(config, suffix: shortSuffix).definition
            if isYAML(config), fm.fileExists(atPath: short), isTestsOnly(short) {
                definition = short
            } else if isYAML(config) {
                definition = config
            } else {
                return nil
            }
        }
        guard let data = fm.contents(atPath: definition) else {
            throw UnitTestError("failed to read test definition from '\(definition)': permission denied")
        }
        do {
            let root = try ConfigLoader.parseYAML(String(decoding: data, as: UTF8.self), file: definition)
            let cases = try UnitTestCase.cases(in: root, environment: directoryEnvironment(environment, for: config))
            return UnitTestTarget(configPath: config, definitionPath: definition, cases: cases)
        } catch {
            throw UnitTestError("failed to parse test definition from '\(definition)': \(error)")
        }
    }

    /// `environment` with imports relative to the folder of `file`.
    static func directoryEnvironment(_ environment: Environment, for file: String) -> Environment {
        let base = (file as NSString).deletingLastPathComponent
        return environment.with(importer: { path in
            let resolved = path.hasPrefix("/") || base.isEmpty ? path : (base as NSString).appendingPathComponent(path)
            return try String(contentsOfFile: resolved, encoding: .utf8)
        })
    }

    /// True when the YAML file has no top-level field but `tests` (and Benthos's old `parallel`).
    static func isTestsOnly(_ path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path),
            let root = try? ConfigLoader.parseYAML(String(decoding: data, as: UTF8.self), file: path)
        else { return false }
        let keys = root.keys
        return keys.contains("tests") && keys.allSatisfy { $0 == "tests" || $0 == "parallel" }
    }

    static func isYAML(_ path: String) -> Bool { extensions.contains { path.hasSuffix($0) } }

    static func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    /// The paths matching a shell glob pattern, sorted (none when nothing matches).
    static func glob(_ pattern: String) -> [String] {
        var g = glob_t()
        defer { globfree(&g) }
        guard posixGlob(pattern, &g) == 0 else { return [] }
        var out: [String] = []
        for i in 0..<Int(g.gl_pathc) {
            if let p = g.gl_pathv[i] { out.append(String(cString: p)) }
        }
        return out.sorted()
    }
}

/// `glob(3)` under one name on both platforms.
private func posixGlob(_ pattern: String, _ g: inout glob_t) -> Int32 {
    #if canImport(Glibc)
        return Glibc.glob(pattern, 0, nil, &g)
    #else
        return Darwin.glob(pattern, 0, nil, &g)
    #endif
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        var s = self
        while s.count > 1, s.hasSuffix(suffix) { s.removeLast(suffix.count) }
        return s
    }
}
