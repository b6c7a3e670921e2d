import StreamRuntime

extension StreamComponents {
    /// The processor specs, one per `<name>.processor.swift` file.
    public enum ProcessorSpecs {}

    /// The processors of this module.
    static let processors: [ComponentSpec] = [
        ProcessorSpecs.bloblang,
        ProcessorSpecs.branch,
        ProcessorSpecs.catch,
        ProcessorSpecs.forEach,
        ProcessorSpecs.groupBy,
        ProcessorSpecs.http,
        ProcessorSpecs.log,
        ProcessorSpecs.mapping,
        ProcessorSpecs.mutation,
        ProcessorSpecs.noop,
        ProcessorSpecs.resource,
        ProcessorSpecs.retry,
        ProcessorSpecs.sleep,
        ProcessorSpecs.switch,
        ProcessorSpecs.syncResponse,
        ProcessorSpecs.try,
    ]
}
