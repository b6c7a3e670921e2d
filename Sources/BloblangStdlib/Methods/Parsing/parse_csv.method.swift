import Bloblang

extension MethodSpec {
    static let parseCSV = MethodSpec(
        "parse_csv", category: .parsing,
        summary: "Parses CSV text (RFC 4180) into an array of objects keyed by the header row, or into an array of rows.",
        params: [
            .bool(
                "parse_header_row",
                "Whether the first row holds the field names; when false each row becomes an array of strings.",
                default: true),
            .string("delimiter", "The field delimiter, a single character.", default: ","),
            .bool("lazy_quotes", "Whether a quote may appear in an unquoted field and an undoubled quote in a quoted field.", default: false),
        ],
        examples: [
            Example(
                #"root.orders = this.orders.parse_csv()"#, #"{"orders":"foo,bar\nfoo 1,bar 1\nfoo 2,bar 2"}"#,
                #"{"orders":[{"bar":"bar 1","foo":"foo 1"},{"bar":"bar 2","foo":"foo 2"}]}"#,
                summary: "With a header row"),
            Example(
                #"root.orders = this.orders.parse_csv(false)"#, #"{"orders":"foo 1,bar 1\nfoo 2,bar 2"}"#,
                #"{"orders":[["foo 1","bar 1"],["foo 2","bar 2"]]}"#, summary: "Without a header row"),
            Example(
                #"root.rows = this.data.parse_csv(delimiter: ";")"#, #"{"data":"id;name\n1;\"Smith; John\""}"#,
                #"{"rows":[{"id":"1","name":"Smith; John"}]}"#, summary: "With another delimiter"),
            Example(
                #"root.orders = this.orders.parse_csv(lazy_quotes:true)"#,
                #"{"orders":"foo,bar\nfoo 1,bar 1\nfoo\" \"2,bar\" \"2"}"#,
                #"{"orders":[{"bar":"bar 1","foo":"foo 1"},{"bar":"bar\" \"2","foo":"foo\" \"2"}]}"#,
                summary: "With quotes inside unquoted fields"),
        ]
    ) { (target: Value, args: Arguments, _: EvalContext) in
        let parseHeader = args.bool(0)
        let delimiter = args.string(1).unicodeScalars
        guard delimiter.count == 1, let delim = delimiter.first else {
            throw RuntimeError("delimiter value must be exactly one character")
        }
        let input: [UInt8]
        switch target {
        case .string(let s): input = Array(s.utf8)
        case .bytes(let b): input = b
        default: throw RuntimeError.type(expected: [.string], got: target)
        }
        let rows: [[String]]
        do throws(CSVReader.Failure) {
            rows = try CSVReader(delimiter: delim, lazyQuotes: args.bool(2)).readAll(input)
        } catch {
            throw RuntimeError(error.message)
        }
        guard let header = rows.first else { throw RuntimeError("zero records were parsed") }
        guard parseHeader else {
            return .array(rows.map { .array($0.map(Value.string)) })
        }
        var records: [Value] = []
        records.reserveCapacity(rows.count - 1)
        for (j, row) in rows.dropFirst().enumerated() {
            guard row.count == header.count else {
                throw RuntimeError("record on line \(j): record mismatch with headers")
            }
            var object: [String: Value] = [:]
            for (key, field) in Swift.zip(header, row) { object[key] = .string(field) }
            records.append(.object(object))
        }
        return .array(records)
    }
}
