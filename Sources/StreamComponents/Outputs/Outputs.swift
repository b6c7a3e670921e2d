import StreamRuntime

extension StreamComponents {
    /// The outputs of this module, one per `<name>.output.swift` file.
    static let outputs: [ComponentSpec] = [
        .brokerOutput,
        .dropOutput,
        .fallbackOutput,
        .fileOutput,
        .httpClientOutput,
        .inprocOutput,
        .rejectOutput,
        .stdoutOutput,
        .switchOutput,
        .syncResponseOutput,
    ]
}
