import Bloblang

extension Stdlib {
    /// The functions of this category, in documentation order. They read the clock, so the
    /// reference docs list them under Environment, as Benthos does.
    static let timeFunctions: [FunctionSpec] = [
        .now,
        .timestampUnix,
        .timestampUnixMicro,
        .timestampUnixMilli,
        .timestampUnixNano,
    ]
}
