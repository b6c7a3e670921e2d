import AMQPClient
import Testing

@Test func linksLibrabbitmq() { #expect(librabbitmqVersion().hasPrefix("0.")) }
