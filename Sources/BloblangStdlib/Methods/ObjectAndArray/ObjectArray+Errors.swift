import Bloblang

extension ObjectArray {
    /// True when `error` already carries an expression annotation somewhere in its chain
    /// (Benthos: `errors.As(err, *errFrom)`), so that a method call must not prefix it again.
    ///
    /// Type errors and operator mismatches are never counted: Benthos only leaves those alone
    /// while they are unwrapped.
    static func isAnnotated(_ error: RuntimeError) -> Bool {
        if error.code == .typeError || error.code == .typeMismatch { return false }
        return error.from("x").message == error.message
    }

    /// `fmt.Errorf("<prefix>: %w", inner)`: the inner error's message behind a prefix. The
    /// result stays annotated when the inner error was, so the method call adds no prefix.
    static func wrap(_ prefix: String, _ inner: RuntimeError) -> RuntimeError {
        if isAnnotated(inner) { return RuntimeError(inner.message).from(prefix) }
        return RuntimeError("\(prefix): \(inner.message)")
    }

    /// An error that the method call must return as it is, without the target's annotation
    /// (Benthos methods registered with `registerMethod` rather than `registerSimpleMethod`).
    /// The message has the form `<prefix>: <rest>`.
    static func unprefixed(_ prefix: String, _ rest: RuntimeError) -> RuntimeError {
        RuntimeError(rest.message).from(prefix)
    }
}
