import Bloblang

extension MethodSpec {
    static let inferSchema = MethodSpec(
        "infer_schema", category: .parsing,
        summary: "Describes the structure of a value as a schema object, for use by schema conversion and checking methods.",
        description: """
            The schema has a `type` (`BOOLEAN`, `INT64`, `FLOAT64`, `STRING`, `BYTE_ARRAY`, \
            `TIMESTAMP`, `NULL`, `ARRAY` or `OBJECT`), a `name` for object fields, `children` \
            for the fields of an object (sorted by name) or the element type of an array, and a \
            `fingerprint` that identifies the schema. Every element of an array must have the \
            same type.
            """,
        examples: [
            Example(
                #"root = this.infer_schema()"#, #"{"id":7}"#,
                #"{"children":[{"fingerprint":"0b26b8f2b2187c17fce83827d4aecc8575e60ca646853146c7f7a175103ba29a","name":"id","type":"INT64"}],"fingerprint":"fc779c5014fea206a1cb0f7e3e8687d845ab413e17387f911ffde295e09bbbb2","type":"OBJECT"}"#
            ),
        ]
    ) { (target: Value, _: Arguments, _: EvalContext) in
        try SchemaInference.infer(target, name: "").value
    }
}
