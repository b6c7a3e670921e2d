import PostgresClient
import Testing

@Test func linksLibpq() { #expect(libpqVersion() > 100_000) }
