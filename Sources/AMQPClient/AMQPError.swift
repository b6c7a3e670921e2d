/// An AMQP failure: what went wrong, where, and the broker's or library's reason.
public struct AMQPError: Error, Sendable, CustomStringConvertible, Equatable {
    /// What kind of failure this is; callers switch on it rather than on the text.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        let raw: String
        public var description: String { raw }
        /// The URL could not be understood.
        public static let invalidURL = Code(raw: "invalid URL")
        /// The TCP connection could not be made or broke (the broker is down or restarting).
        public static let connectionLost = Code(raw: "connection lost")
        /// The broker closed the connection (e.g. `403 ACCESS_REFUSED`).
        public static let connectionClosed = Code(raw: "connection closed by the broker")
        /// The broker closed the channel (e.g. `404 NOT_FOUND - no queue 'x'`).
        public static let channelClosed = Code(raw: "channel closed by the broker")
        /// The broker refused a published message (basic.nack).
        public static let nacked = Code(raw: "message nacked")
        /// A mandatory message could not be routed (basic.return).
        public static let returned = Code(raw: "message returned")
        /// No answer came in time.
        public static let timeout = Code(raw: "timeout")
        /// The connection was closed by this program.
        public static let closed = Code(raw: "closed")
        /// Any other library failure.
        public static let library = Code(raw: "library error")
    }

    public var code: Code
    /// What was being done and why it failed, e.g.
    /// `basic.consume on queue 'x': 404 NOT_FOUND - no queue 'x'`.
    public var message: String
    /// The AMQP reply code from the broker (404, 403, 312...), 0 when none.
    public var replyCode: Int

    public init(_ code: Code, _ message: String, replyCode: Int = 0) {
        self.code = code
        self.message = message
        self.replyCode = replyCode
    }

    /// True when the connection is gone and a new one is needed (the broker may come back).
    public var isConnectionFailure: Bool {
        code == .connectionLost || code == .connectionClosed || code == .closed
    }

    public var description: String { message }
}
