import StreamRuntime

extension StreamComponents {
    /// The inputs of this module, one per `<name>.input.swift` file.
    static let inputs: [ComponentSpec] = [
        .brokerInput,
        .fileInput,
        .generateInput,
        .httpServerInput,
        .inprocInput,
        .stdinInput,
    ]
}
