import Bloblang
import BloblangStdlib
import Foundation

/// Builds the processors a config unit test runs: reads the target config (with the case's
/// environment variables), puts the case's mocks in, builds the processor resources and then
/// the processors at the target JSON pointer or label. As in Benthos, input and output
/// resources are ignored, and everything is built afresh for each case.
public struct TestProcessorProvider: Sendable {
    /// The config the cases belong to; relative targets and mapping files resolve against its folder.
    public var configPath: String
    /// Resource files merged into the config (`sluice test -r`).
    public var resourcePaths: [String]
    public var registry: ComponentRegistry
    public var environment: Environment
    public var logger: StructuredLogger

    public init(
        configPath: String, resourcePaths: [String] = [], registry: ComponentRegistry, environment: Environment = .standard,
        logger: StructuredLogger = .silent
    ) {
        self.configPath = configPath
        self.resourcePaths = resourcePaths
        self.registry = registry
        self.environment = environment
        self.logger = logger
    }

    var directory: String { (configPath as NSString).deletingLastPathComponent }

    func resolve(_ path: String) -> String {
        path.hasPrefix("/") || directory.isEmpty ? path : (directory as NSString).appendingPathComponent(path)
    }

    // MARK: - Processors from the config

    /// The processors at `target` (a JSON pointer or a label, optionally after `file.yaml#`).
    /// - Parameters:
    ///   - variables: environment variables that override the process's while the config is read.
    ///   - mocks: replacements, JSON pointers first, then labels.
    /// - Throws: `UnitTestError` saying what could not be read, found or built.
    public func processors(
        target: String, variables: [String: String] = [:], mocks: [UnitTestCase.Mock] = []
    )
        throws(UnitTestError) -> [any Processor]
    {
        let (file, procPath) = try Self.splitTarget(target, configPath: configPath, resolve: resolve)
        var root = try load(file, variables: variables)

        for mock in mocks where mock.target.hasPrefix("/") {
            let tokens: [String]
            do {
                tokens = try ConfigNode.pointerTokens(mock.target)
            } catch {
                throw UnitTestError("failed to parse mock path '\(mock.target)': \(error)")
            }
            do {
                root = try Self.setMock(mock.node, in: root, at: tokens)
            } catch {
                throw UnitTestError("failed to set mock '\(mock.target)': \(error)")
            }
        }
        let labelMocks = mocks.filter { !$0.target.hasPrefix("/") }
        if !labelMocks.isEmpty {
            let labels = root.labelPaths()
            for mock in labelMocks {
                guard let tokens = labels[mock.target] else {
                    throw UnitTestError(
                        "mock for label '\(mock.target)' could not be applied as the label was not found in the test target file, it is not currently possible to mock resources imported separate to the test file"
                    )
                }
                do {
                    root = try Self.setMock(mock.node, in: root, at: tokens)
                } catch {
                    throw UnitTestError("failed to set mock '\(mock.target)': \(error)")
                }
            }
        }

        let tokens: [String]
        if procPath.hasPrefix("/") {
            do {
                tokens = try ConfigNode.pointerTokens(procPath)
            } catch {
                throw UnitTestError("failed to parse case processors path '\(procPath)': \(error)")
            }
        } else {
            guard let found = root.labelPaths()[procPath] else {
                throw UnitTestError(
                    "target for label '\(procPath)' failed as the label was not found in the test target file, it is not currently possible to target resources imported separate to the test file"
                )
            }
            tokens = found
        }

        let context = try buildContext(root, file: file)
        let node: ConfigNode
        do {
            node = try root.node(at: tokens)
        } catch {
            throw UnitTestError("failed to resolve case processors from '\(file)': \(error)")
        }
        let path = ConfigNode.yamlPath(tokens)
        var out: [any Processor] = []
        let items: [ConfigNode]
        var itemPaths: [String]
        if case .sequence(let list, _) = node {
            items = list
            itemPaths = list.indices.map { "\(path)[\($0)]" }
        } else {
            items = [node]
            itemPaths = [path]
        }
        for (i, item) in items.enumerated() {
            do {
                out.append(try context.buildProcessor(item, path: itemPaths[i]))
            } catch {
                throw UnitTestError("failed to initialise processor index '\(i)': \(error)")
            }
        }
        return out
    }

    /// Splits `file.yaml#/pointer` into the file (relative to the config's folder) and the
    /// pointer or label; a target without `#` is in the config itself.
    static func splitTarget(
        _ target: String, configPath: String, resolve: (String) -> String
    ) throws(UnitTestError)
        -> (file: String, path: String)
    {
        var file = configPath
        var path = target
        if let hash = target.firstIndex(of: "#") {
            let filePart = String(target[..<hash])
            path = String(target[target.index(after: hash)...])
            if !filePart.isEmpty { file = UnitTestInput.clean(resolve(filePart)) }
        } else if let colon = target.firstIndex(of: ":"), target[..<colon].allSatisfy({ $0.isLetter }),
            !target[..<colon].isEmpty, target[..<colon] != "file"
        {
            throw UnitTestError("target processors '\(target)' contains non-path scheme value")
        }
        if path.isEmpty {
            throw UnitTestError("failed to target processors '\(target)': reference URI must contain a path or fragment")
        }
        return (file, path)
    }

    /// Reads a config file with `variables` overriding the environment, merging resource files.
    /// Unset variables are replaced by nothing, as Benthos's unit tests do.
    func load(_ file: String, variables: [String: String]) throws(UnitTestError) -> ConfigNode {
        let process = ProcessInfo.processInfo.environment
        let loader = ConfigLoader(lookup: { variables[$0] ?? process[$0] })
        var root: ConfigNode
        do {
            root = try loader.read(file: file).root
        } catch {
            throw UnitTestError("failed to parse config file '\(file)': \(error)")
        }
        for path in resourcePaths {
            do {
                let extra = try loader.read(file: path).root
                root = ConfigLoader.mergeResources(root, extra).0
            } catch {
                throw UnitTestError("failed to parse resources config file '\(path)': \(error)")
            }
        }
        return root
    }

    /// Replaces the node at `tokens` with a mock. A mock without a label takes the label of
    /// the processor it replaces, so that references to that label still find it.
    static func setMock(_ mock: ConfigNode, in root: ConfigNode, at tokens: [String]) throws(UnitTestError) -> ConfigNode {
        var replacement = mock
        if mock["label"] == nil, let label = (try? root.node(at: tokens))?["label"],
            case .mapping(var entries, let loc) = mock
        {
            entries.append(("label", label.location, label))
            replacement = .mapping(entries, loc)
        }
        return try root.setting(replacement, at: tokens)
    }

    /// A build context for `root` with its processor resources registered. Resources may
    /// refer to each other in any order.
    func buildContext(_ root: ConfigNode, file: String) throws(UnitTestError) -> BuildContext {
        let folder = (file as NSString).deletingLastPathComponent
        let context = BuildContext(
            registry: registry, baseDirectory: folder.isEmpty ? FileManager.default.currentDirectoryPath : folder,
            logger: logger, metrics: .disabled, environment: environment)
        let config: StreamConfig
        do {
            config = try StreamConfig(root, baseDirectory: context.baseDirectory)
        } catch {
            throw UnitTestError("failed to parse config file '\(file)': \(error)")
        }
        var pending = config.processorResources
        while !pending.isEmpty {
            var failed: [(StreamConfig.Resource, ConfigError)] = []
            for r in pending {
                do {
                    context.addResource(r.label, .processor(try context.buildProcessor(r.node, path: r.path)))
                } catch {
                    failed.append((r, error))
                }
            }
            if failed.count == pending.count, let (_, error) = failed.first {
                throw UnitTestError("failed to initialise resources: \(error)")
            }
            pending = failed.map(\.0)
        }
        return context
    }

    // MARK: - A mapping file

    /// A processor running the Bloblang file at `path` (relative to the config's folder) on
    /// each message, its imports relative to the file.
    /// - Throws: `UnitTestError` when the file cannot be read or parsed.
    public func mappingProcessor(path: String) throws(UnitTestError) -> any Processor {
        let full = resolve(path)
        guard let data = FileManager.default.contents(atPath: full) else {
            throw UnitTestError("open \(UnitTestInput.clean(full)): no such file or directory")
        }
        let env = UnitTestDiscovery.directoryEnvironment(environment, for: full)
        do {
            return MappingFileProcessor(mapping: try env.parse(String(decoding: data, as: UTF8.self), path: full))
        } catch {
            throw UnitTestError(error.description)
        }
    }
}
