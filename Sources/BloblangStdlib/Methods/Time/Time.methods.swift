import Bloblang

extension Stdlib {
    /// The methods of this category, in documentation order.
    static let timeMethods: [MethodSpec] = [
        .parseDuration,
        .parseDurationIso8601,
        .tsAddIso8601,
        .tsFormat,
        .tsParse,
        .tsRound,
        .tsStrftime,
        .tsStrptime,
        .tsSub,
        .tsSubIso8601,
        .tsTz,
        .tsUnix,
        .tsUnixMicro,
        .tsUnixMilli,
        .tsUnixNano,
        // Deprecated names kept so that old mappings still run.
        .formatTimestamp,
        .formatTimestampStrftime,
        .formatTimestampUnix,
        .formatTimestampUnixMicro,
        .formatTimestampUnixMilli,
        .formatTimestampUnixNano,
        .parseTimestamp,
        .parseTimestampStrptime,
    ]
}
