import Bloblang

extension MethodSpec {
    static let parseURL = MethodSpec(
        "parse_url", category: .parsing,
        summary: "Parses a URL into an object of its parts: `scheme`, `opaque`, `user`, `host`, `path`, `raw_path`, `raw_query`, `fragment` and `raw_fragment`.",
        description: """
            The parts follow Go's `net/url`: `path` and `fragment` are decoded, and `raw_path` or \
            `raw_fragment` hold the original text only when it differs from the default encoding \
            of the decoded value. `user` is present only when the URL has user information, with \
            a `name` and, when given, a `password`.
            """,
        examples: [
            Example(
                #"root.foo_url = this.foo_url.parse_url()"#,
                #"{"foo_url":"https://docs.redpanda.com/redpanda-connect/guides/bloblang/about/"}"#,
                #"{"foo_url":{"fragment":"","host":"docs.redpanda.com","opaque":"","path":"/redpanda-connect/guides/bloblang/about/","raw_fragment":"","raw_path":"","raw_query":"","scheme":"https"}}"#
            ),
            Example(
                #"root.username = this.url.parse_url().user.name | "unknown""#,
                pairs: [.init(#"{"url":"amqp://foo:bar@127.0.0.1:5672/"}"#, #"{"username":"foo"}"#),
                        .init(#"{"url":"redis://localhost:6379"}"#, #"{"username":"unknown"}"#)]),
        ]
    ) { (target: Value, _: Arguments, _: EvalContext) in
        let url: GoURL.Parsed
        do {
            url = try GoURL.parse(try target.getString())
        } catch let failure as GoURL.Failure {
            throw RuntimeError(failure.message)
        }
        var object: [String: Value] = [
            "scheme": .string(url.scheme),
            "opaque": .string(url.opaque),
            "host": .string(url.host),
            "path": .string(url.path),
            "raw_path": .string(url.rawPath),
            "raw_query": .string(url.rawQuery),
            "fragment": .string(url.fragment),
            "raw_fragment": .string(url.rawFragment),
        ]
        if let user = url.user {
            var userObject: [String: Value] = ["name": .string(user.name)]
            if let password = user.password { userObject["password"] = .string(password) }
            object["user"] = .object(userObject)
        }
        return .object(object)
    }
}
