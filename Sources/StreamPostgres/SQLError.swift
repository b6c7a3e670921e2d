/// A failure of an `sql_*` component while handling a message, with its context.
struct SQLError: Error, CustomStringConvertible, Sendable {
    var description: String
    init(_ description: String) { self.description = description }
}
