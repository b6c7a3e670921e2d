import StreamRuntime

extension StreamComponents {
    /// The outputs of this module.
    static let outputs: [ComponentSpec] = [
    ]
}
