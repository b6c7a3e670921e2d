import Bloblang

extension MethodSpec {
    static let filepathSplit = MethodSpec(
        "filepath_split", category: .strings,
        summary: "Splits a file path after its last `/` into a two-element array: the directory and the file name.",
        examples: [
            Example(
                #"root.path_sep = this.path.filepath_split()"#,
                pairs: [.init(#"{"path":"/foo/bar.txt"}"#, #"{"path_sep":["/foo/","bar.txt"]}"#),
                        .init(#"{"path":"baz.txt"}"#, #"{"path_sep":["","baz.txt"]}"#)]),
        ]
    ) { (target: Value, _: Arguments, _: EvalContext) in
        let (dir, file) = GoFilePath.split(try target.getString())
        return .array([.string(dir), .string(file)])
    }
}
