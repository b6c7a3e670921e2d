// ServiceSupport: shared plumbing of the platform binaries (filled in by the platform work).
import StreamRuntime
