import Bloblang

extension StreamConfig {
    /// The top-level fields of a config file, as specs: the linter checks files against them
    /// and the docs list them.
    public static let fields: [FieldSpec] = [
        FieldSpec("http", .object(httpFields), "The service-wide HTTP server (`/metrics`, `/ping`, `/ready`).", optional: true),
        FieldSpec("input", .input, "Where messages come from. Defaults to `stdin`.", optional: true),
        FieldSpec("buffer", .any, "Not supported: only `none` is accepted.", optional: true, advanced: true),
        FieldSpec("pipeline", .object(pipelineFields), "The processors every message goes through.", optional: true),
        FieldSpec("output", .output, "Where messages go. Defaults to `stdout`.", optional: true),
        FieldSpec("input_resources", .array(.input), "Inputs that other components refer to by label.", optional: true),
        FieldSpec("processor_resources", .processors, "Processors that other components refer to by label.", optional: true),
        FieldSpec("output_resources", .array(.output), "Outputs that other components refer to by label.", optional: true),
        FieldSpec("cache_resources", .any, "Not supported; accepted and ignored.", optional: true, advanced: true),
        FieldSpec("rate_limit_resources", .any, "Not supported; accepted and ignored.", optional: true, advanced: true),
        FieldSpec("logger", .object(loggerFields), "How operational logs are written.", optional: true),
        FieldSpec("metrics", .any, "How metrics are exposed: `prometheus: {}` (the default) or `none: {}`.", optional: true),
        FieldSpec("tracer", .any, "Not supported: only `none` is accepted.", optional: true, advanced: true),
        FieldSpec("shutdown_delay", .duration, "How long to wait before shutting down.", default: .string("0s"), advanced: true),
        FieldSpec(
            "shutdown_timeout", .duration, "How long a clean shutdown may take before it is forced.", default: .string("20s")),
        FieldSpec("tests", .any, "Config unit tests, run by `sluice test`.", optional: true, advanced: true),
        FieldSpec("error_handling", .any, "Not supported; accepted and ignored.", optional: true, advanced: true),
    ]

    static let httpFields: [FieldSpec] = [
        FieldSpec("enabled", .bool, "Whether to run the HTTP server.", default: .bool(true)),
        FieldSpec("address", .string, "The address to listen on.", default: .string("0.0.0.0:4195")),
        FieldSpec("root_path", .string, "A prefix for the debug endpoints.", default: .string("/benthos"), advanced: true),
        FieldSpec("debug_endpoints", .bool, "Whether to serve debug endpoints.", default: .bool(false), advanced: true),
        FieldSpec("cert_file", .string, "Not supported (TLS).", default: .string(""), advanced: true),
        FieldSpec("key_file", .string, "Not supported (TLS).", default: .string(""), advanced: true),
        FieldSpec("cors", .any, "Not supported; accepted and ignored.", optional: true, advanced: true),
        FieldSpec("basic_auth", .any, "Not supported; accepted and ignored.", optional: true, advanced: true),
    ]

    static let pipelineFields: [FieldSpec] = [
        FieldSpec("threads", .int, "How many messages are processed at once; -1 means one per CPU.", default: .int(-1)),
        FieldSpec("processors", .processors, "The processors, applied in order.", default: .array([])),
    ]

    static let loggerFields: [FieldSpec] = [
        FieldSpec(
            "level", .string, "The lowest severity that is logged.", default: .string("INFO"),
            options: ["OFF", "FATAL", "ERROR", "WARN", "INFO", "DEBUG", "TRACE", "ALL", "NONE"]),
        FieldSpec("format", .string, "The format of log lines.", default: .string("logfmt"), options: ["json", "logfmt"]),
        FieldSpec("add_timestamp", .bool, "Whether log lines carry a timestamp.", default: .bool(true)),
        FieldSpec("level_name", .string, "The key of the level in JSON lines.", default: .string("level"), advanced: true),
        FieldSpec("timestamp_name", .string, "The key of the timestamp in JSON lines.", default: .string("time"), advanced: true),
        FieldSpec("message_name", .string, "The key of the message in JSON lines.", default: .string("msg"), advanced: true),
        FieldSpec(
            "static_fields", .map(.string), "Fields added to every log line.", default: .object(["@service": .string("sluice")])),
        FieldSpec("file", .any, "Not supported; logs go to stderr.", optional: true, advanced: true),
    ]
}
