extension StreamPipeline {
    /// The pipeline's connections as a `/ready` report. Paths drop the `root.` prefix, as
    /// Benthos's `/ready` does.
    public var readiness: ServiceEndpoints.Readiness {
        ServiceEndpoints.Readiness(
            entries: connectionStatuses.map {
                .init(
                    label: $0.label, path: $0.path.hasPrefix("root.") ? String($0.path.dropFirst(5)) : $0.path,
                    connected: $0.connected, error: $0.error)
            },
            terminated: isStopped)
    }
}
