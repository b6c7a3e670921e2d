import StreamRuntime

extension StreamComponents {
    /// The inputs of this module.
    static let inputs: [ComponentSpec] = [
    ]
}
