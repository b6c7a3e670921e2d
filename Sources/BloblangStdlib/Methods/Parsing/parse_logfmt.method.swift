import Bloblang

extension MethodSpec {
    static let parseLogfmt = MethodSpec(
        "parse_logfmt", category: .parsing,
        summary: "Parses a logfmt line (`key=value` pairs separated by spaces, values optionally double-quoted) into an object.",
        description: "A key given without `=` is set to `true`. When a key appears twice the later value wins.",
        examples: [
            Example(
                #"root = this.msg.parse_logfmt()"#, #"{"msg":"level=info msg=\"hello world\" dur=1.5s"}"#,
                #"{"dur":"1.5s","level":"info","msg":"hello world"}"#),
            Example(
                #"root = this.line.parse_logfmt()"#, #"{"line":"at=error code=H12 retry path=\"/a\\\"b\""}"#,
                #"{"at":"error","code":"H12","path":"/a\"b","retry":true}"#),
        ]
    ) { (target: Value, _: Arguments, _: EvalContext) in
        do {
            return .object(try LogfmtParser.parse(try target.getString()))
        } catch let failure as LogfmtParser.Failure {
            throw RuntimeError(failure.message)
        }
    }
}
