import Bloblang

extension MethodSpec {
    static let uuidV5 = MethodSpec(
        "uuid_v5", category: .encoding,
        summary: "Derives a version 5 (SHA-1, name-based) UUID from a string.",
        description: """
            The same string and namespace always give the same UUID. `ns` is `dns`, `url`, `oid`, \
            `x500` or any UUID; without it the nil UUID is the namespace. A null target gives null.
            """,
        params: [.string("ns", "The namespace: `dns`, `url`, `oid`, `x500` or a UUID.").optional()],
        examples: [
            Example(#"root.id = this.name.uuid_v5()"#, #"{"name":"example"}"#, #"{"id":"feb54431-301b-52bb-a6dd-e1e93e81bb9e"}"#),
            Example(#"root.id = this.host.uuid_v5("dns")"#, #"{"host":"www.example.com"}"#,
                    #"{"id":"2ed6657d-e927-568b-95e1-2665a8aea6a2"}"#),
        ],
        prepare: { args in
            let ns = args.optionalString(0)
            return { target, _ in
                if case .null = target { return .null }
                let namespace: UUIDValue
                switch ns {
                case nil: namespace = .nilUUID
                case "dns", "DNS": namespace = .namespaceDNS
                case "url", "URL": namespace = .namespaceURL
                case "oid", "OID": namespace = .namespaceOID
                case "x500", "X500": namespace = .namespaceX500
                case let text?:
                    guard let parsed = UUIDValue(parsing: text) else {
                        throw RuntimeError("invalid ns uuid: \(GoStrconv.quote(text))")
                    }
                    namespace = parsed
                }
                return .string(UUIDValue.v5(namespace: namespace, name: try target.encodingBytes()).string)
            }
        }
    )
}
