/// The checked arguments of one call, one slot per declared parameter, in declaration order.
///
/// Defaults are already applied, and values already have the parameter's kind, so the
/// accessors do not fail. An optional parameter that was left out holds `.nothing`.
public struct Arguments: @unchecked Sendable {
    /// One value per parameter (`.nothing` for a query parameter and for an omitted optional one).
    public var values: [Value]
    /// One entry per parameter: the unevaluated expression of a `.query` parameter.
    public var queries: [Query?]

    public init(values: [Value], queries: [Query?] = []) {
        self.values = values
        self.queries = queries.isEmpty ? Array(repeating: nil, count: values.count) : queries
    }

    public subscript(_ index: Int) -> Value { index < values.count ? values[index] : .nothing }

    /// True when the argument at `index` was given or has a default.
    public func isPresent(_ index: Int) -> Bool {
        if case .nothing = self[index] { return false }
        return true
    }

    public func string(_ index: Int) -> String {
        if case .string(let s) = self[index] { return s }
        return self[index].plainString
    }
    public func int(_ index: Int) -> Int64 {
        (try? self[index].getInt()) ?? 0
    }
    public func float(_ index: Int) -> Double {
        (try? self[index].getNumber()) ?? 0
    }
    public func bool(_ index: Int) -> Bool {
        if case .bool(let b) = self[index] { return b }
        return false
    }
    public func optionalString(_ index: Int) -> String? { isPresent(index) ? string(index) : nil }
    public func optionalInt(_ index: Int) -> Int64? { isPresent(index) ? int(index) : nil }

    /// The unevaluated query given for a `.query` parameter.
    public func query(_ index: Int) -> Query {
        if index < queries.count, let q = queries[index] { return q }
        return Query(literal: self[index])
    }
}
