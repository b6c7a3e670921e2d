import Bloblang
import Foundation

extension FunctionSpec {
    static let fileRel = FunctionSpec(
        "file_rel", category: .environment,
        summary: "The contents of a file as bytes, with a relative path resolved against the working directory.",
        params: [
            .string("path", "The file's path."),
            .bool("no_cache", "Read the file on every call instead of once.", default: false),
        ],
        impure: true,
        examples: [Example(#"root.doc = file_rel("nonexistent/sluice-example").catch("missing")"#, "{}", #"{"doc":"missing"}"#)]
    ) { args, _ in
        var path = args.string(0)
        if !path.hasPrefix("/") { path = FileManager.default.currentDirectoryPath + "/" + path }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RuntimeError("open \(path): no such file or directory")
        }
        return .bytes([UInt8](data))
    }
}
