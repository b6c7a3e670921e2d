import Bloblang

extension MethodSpec {
    static let jsonSchema = MethodSpec(
        "json_schema", category: .objectAndArray, status: .beta,
        summary: "Checks a value against a JSON Schema and returns it unchanged when it conforms, or fails listing what does not.",
        description: """
            Supports the common keywords: `type`, `properties`, `required`, \
            `additionalProperties`, `patternProperties`, `items`, `enum`, `const`, numeric and \
            length bounds, `pattern`, `uniqueItems`, `allOf`/`anyOf`/`oneOf`/`not`, \
            `if`/`then`/`else` and local `$ref`s. Load a schema from a file with the `file` function.
            """,
        params: [.string("schema", "The JSON Schema document.")],
        examples: [
            Example(
                #"root = this.json_schema("""{"type":"object","properties":{"age":{"type":"integer","minimum":0}}}""")"#,
                pairs: [
                    .init(#"{"age":31}"#, #"{"age":31}"#),
                    .init(
                        #"{"age":"old"}"#,
                        #"Error("failed assignment (line 1): field `this`: age invalid type. expected: integer, given: string")"#),
                ])
        ],
        prepare: { args in
            let schema: Value
            do { schema = try ObjectArray.parseJSON(args.string(0)) } catch {
                throw RuntimeError("failed to parse json schema definition: \(ObjectArray.runtimeError(error).message)")
            }
            let validator = ObjectArray.JSONSchema(root: schema)
            return { target, _ in
                if let failure = validator.check(target) { throw RuntimeError(failure) }
                return target
            }
        })
}
