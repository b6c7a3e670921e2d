import Bloblang
import StreamRuntime

extension StreamComponents.ProcessorSpecs {
    static let log = ComponentSpec(
        .processor, "log",
        summary: "Writes a log line for each message; the messages pass on unchanged.",
        description: """
            The `message` is an interpolated string, so a line can show the content, metadata or error \
            of the message (`${! content() }`, `${! @topic }`, `${! error() }`).

            With `fields_mapping`, a Bloblang mapping builds an object whose keys are added as fields of \
            the structured (JSON or logfmt) log line. When the mapping fails, or the interpolation \
            fails, the failure is logged instead and the message still passes on unchanged.
            """,
        fields: [
            FieldSpec(
                "level", .string, "The level of the log lines.", default: .string("INFO"),
                options: ["ERROR", "WARN", "INFO", "DEBUG", "TRACE"]),
            FieldSpec(
                "fields_mapping", .bloblang, "A mapping whose resulting object gives extra fields for the log line.",
                optional: true, examples: ["root.id = this.id\nroot.topic = @topic"]),
            FieldSpec("message", .interpolatedString, "The log message.", default: .string("")),
            FieldSpec(
                "category", .string, "A `category` field added to every line of this processor (empty: none).",
                default: .string(""), advanced: true),
            FieldSpec(
                "fields", .map(.interpolatedString), "Extra fields, each an interpolated string (prefer `fields_mapping`).",
                optional: true, advanced: true),
        ],
        examples: [
            ConfigExample(
                "Log each message with fields",
                yaml: """
                    log:
                      level: DEBUG
                      message: 'received ${! content() }'
                      fields_mapping: |
                        root.id = this.id
                        root.topic = @topic
                    """)
        ]
    ) { config, ctx in
        let observer = ProcessorObserver(config, ctx)
        let levelName = try config.string("level")
        guard let level = LogProcessor.level(levelName) else {
            throw config.error("log level not recognised: \(levelName.uppercased())", field: "level")
        }
        let message = try ctx.interpolated(config, "message")
        let fieldsMapping = config.field("fields_mapping") == nil ? nil : try MessageMapper(config, "fields_mapping", ctx)
        var fields: [(String, InterpolatedString)] = []
        if let node = config.field("fields"), case .mapping(let entries, _) = node {
            for e in entries {
                let sub = ComponentConfig.nested(
                    node, fields: [FieldSpec(e.key, .interpolatedString, "")], path: config.fieldPath("fields"), name: "log")
                fields.append((e.key, try ctx.interpolated(sub, e.key)))
            }
        }
        let category = try config.string("category")
        var logger = observer.logger.with(["custom_source": .bool(true)])
        if !category.isEmpty { logger = logger.with(["category": .string(category)]) }
        let p = LogProcessor(
            level: level, message: message, fieldsMapping: fieldsMapping, fields: fields, logger: logger,
            environment: ctx.environment)
        return .processor(p)
    }
}

/// The `log` processor.
struct LogProcessor: Processor {
    let level: StructuredLogger.Level
    let message: InterpolatedString
    let fieldsMapping: MessageMapper?
    let fields: [(String, InterpolatedString)]
    let logger: StructuredLogger
    let environment: Environment

    static func level(_ name: String) -> StructuredLogger.Level? {
        switch name.uppercased() {
        case "TRACE": .trace
        case "DEBUG": .debug
        case "INFO": .info
        case "WARN": .warn
        case "ERROR": .error
        default: nil
        }
    }

    func process(_ batch: Batch) async -> [Batch] {
        guard logger.isEnabled(level) else { return [batch] }
        await MessageMapper.evaluate(deep: fieldsMapping?.mayRecurse ?? false) { run(batch) }
        return [batch]
    }

    private func run(_ batch: Batch) {
        let ctx = EvalContext(environment: environment)
        let mapCtx = fieldsMapping?.makeContext()
        var reference = batch
        let batchMessages = MessageMapper.batchMessages(batch)
        messages: for i in batch.indices {
            var extra: [String: Value] = [:]
            if let fieldsMapping, let mapCtx {
                do {
                    guard var result = try fieldsMapping.mapPart(mapCtx, reference: &reference, index: i, batch: batchMessages)
                    else {
                        // A deleted result has no fields to add; Benthos reads it as an empty message.
                        logger.error("Failed to extract fields object: message is empty")
                        continue
                    }
                    let v: Value
                    do {
                        v = try result.structured()
                    } catch {
                        logger.error("Failed to extract fields object: \(error.message)")
                        continue
                    }
                    guard case .object(let o) = v else {
                        logger.error("Fields mapping yielded a non-object result: \(LogProcessor.goType(v))")
                        continue
                    }
                    extra = o
                } catch {
                    logger.error("Failed to execute fields mapping: \(error.message)")
                    continue
                }
            }
            for (key, value) in fields {
                do {
                    extra[key] = .string(
                        try MessageContext.render(value, ctx, &reference, index: i, batchMessages: batchMessages))
                } catch {
                    logger.error("Field \(key) interpolation error: \(error.message)")
                    continue messages
                }
            }
            let text: String
            do {
                text = try MessageContext.render(message, ctx, &reference, index: i, batchMessages: batchMessages)
            } catch {
                logger.error("Message interpolation error: \(error.message)")
                continue
            }
            logger.log(level, text, extra)
        }
    }

    /// The Go type Benthos names in its "non-object result" message.
    static func goType(_ v: Value) -> String {
        switch v {
        case .null: "<nil>"
        case .bool: "bool"
        case .int: "int64"
        case .uint: "uint64"
        case .float: "float64"
        case .string: "string"
        case .bytes: "[]uint8"
        case .array: "[]interface {}"
        case .object: "map[string]interface {}"
        case .timestamp: "time.Time"
        case .delete, .nothing: "<nil>"
        }
    }
}
