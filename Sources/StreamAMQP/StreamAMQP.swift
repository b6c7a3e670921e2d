import StreamRuntime

/// The AMQP 0-9-1 components (`amqp_0_9` and its aliases), listed explicitly.
public enum StreamAMQP {
    /// Every component of this module.
    public static var all: [ComponentSpec] { [.amqpInput, .amqpOutput] }
}
