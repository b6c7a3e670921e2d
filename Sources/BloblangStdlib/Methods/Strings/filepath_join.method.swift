import Bloblang

extension MethodSpec {
    static let filepathJoin = MethodSpec(
        "filepath_join", category: .strings,
        summary: "Joins an array of path elements into one file path with `/` separators, then cleans it.",
        description: "Empty elements are ignored, and the result is cleaned: `.` elements and repeated separators go, and `..` removes the element before it.",
        examples: [
            Example(#"root.path = this.path_elements.filepath_join()"#, #"{"path_elements":["/foo/","bar.txt"]}"#, #"{"path":"/foo/bar.txt"}"#),
            Example(#"root.path = this.parts.filepath_join()"#, #"{"parts":["logs","2024","..","2025","app.log"]}"#, #"{"path":"logs/2025/app.log"}"#),
        ]
    ) { (target: Value, _: Arguments, _: EvalContext) in
        let items = try target.getArray()
        var parts: [String] = []
        parts.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            do throws(RuntimeError) {
                parts.append(try item.getString())
            } catch {
                throw RuntimeError("path element \(i): \(error.message)")
            }
        }
        return .string(GoFilePath.join(parts))
    }
}
