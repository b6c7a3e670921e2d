import Bloblang
import Foundation

/// One message of a test's input batch: `content` (raw), `json_content` (any YAML value,
/// written as compact JSON), `file_content` (a file relative to the test) and `metadata`.
public struct UnitTestInput: Sendable {
    /// The raw content (from `content` or `json_content`; the later field wins).
    public var content: String
    /// A file whose bytes become the content, relative to the test's folder.
    public var filePath: String?
    public var metadata: [String: Value]

    public init(content: String = "", filePath: String? = nil, metadata: [String: Value] = [:]) {
        self.content = content
        self.filePath = filePath
        self.metadata = metadata
    }

    static let fields = ["content", "json_content", "file_content", "metadata"]

    /// Reads an input item.
    /// - Throws: `ConfigError` for a field of the wrong type or an unknown field.
    public init(_ node: ConfigNode, path: String) throws(ConfigError) {
        let r = NodeReader(node: node, path: path)
        try r.expectMapping()
        try r.rejectUnknown(Self.fields)
        content = try r.optionalString("content") ?? ""
        if let json = r.present("json_content") {
            content = String(decoding: JSONWriter.compact(YAMLValue.value(of: json)), as: UTF8.self)
        } else if case .null? = node["json_content"] {
            content = "null"
        }
        filePath = try r.optionalString("file_content")
        metadata = try r.optionalValueMap("metadata") ?? [:]
    }

    /// The message this input stands for.
    /// - Parameter directory: the folder `file_content` paths are relative to.
    /// - Throws: `UnitTestError` when the file cannot be read.
    public func message(directory: String) throws(UnitTestError) -> Message {
        var bytes = Array(content.utf8)
        if let filePath {
            let path = filePath.hasPrefix("/") ? filePath : (directory as NSString).appendingPathComponent(filePath)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw UnitTestError("open \(Self.clean(path)): no such file or directory")
            }
            bytes = Array(data)
        }
        return Message(content: bytes, metadata: metadata)
    }

    /// A path without `./` segments, as Go's `filepath.Join` prints it.
    static func clean(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for p in path.split(separator: "/") {
            switch p {
            case ".": continue
            case "..":
                if let last = parts.last, last != ".." { parts.removeLast() } else if !absolute { parts.append(p) }
            default: parts.append(p)
            }
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }
}
