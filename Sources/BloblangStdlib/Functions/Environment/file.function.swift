import Bloblang
import Foundation

extension FunctionSpec {
    static let file = FunctionSpec(
        "file", category: .environment,
        summary: "The contents of a file as bytes.",
        params: [
            .string("path", "The file's path."),
            .bool("no_cache", "Read the file on every call instead of once.", default: false),
        ],
        impure: true,
        examples: [Example(#"root.doc = file("/nonexistent/sluice-example").catch("missing")"#, "{}", #"{"doc":"missing"}"#)],
        prepare: { args in
            let path = args.string(0)
            @Sendable func read() throws -> Value {
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw RuntimeError("open \(path): no such file or directory")
                }
                return .bytes([UInt8](data))
            }
            if args.bool(1) { return { _ in try read() } }
            let cached = Result { try read() }
            return { _ in try cached.get() }
        }
    )
}
