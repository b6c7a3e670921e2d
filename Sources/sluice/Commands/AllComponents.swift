import StreamAMQP
import StreamComponents
import StreamPostgres
import StreamRuntime

/// Every component `sluice` knows: the server-free ones plus the PostgreSQL and AMQP connectors.
enum AllComponents {
    static var registry: ComponentRegistry {
        ComponentRegistry(StreamComponents.all + StreamPostgres.all + StreamAMQP.all)
    }
}
