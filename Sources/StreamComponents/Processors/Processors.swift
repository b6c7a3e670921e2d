import StreamRuntime

extension StreamComponents {
    /// The processors of this module.
    static let processors: [ComponentSpec] = [
    ]
}
