import Bloblang

extension ObjectArray {
    /// Merges the fields of `source` into `destination`, descending into objects present on
    /// both sides and settling every other clash with `collision(existing, incoming)`.
    /// A source that is not an object changes nothing.
    static func deepMerge(
        _ destination: inout [String: Value], _ source: Value, collision: (Value, Value) -> Value
    ) {
        guard case .object(let fields) = source else { return }
        for (key, incoming) in fields {
            guard let existing = destination[key] else {
                destination[key] = incoming
                continue
            }
            if case .object = incoming, case .object(var inner) = existing {
                destination[key] = .null
                deepMerge(&inner, incoming, collision: collision)
                destination[key] = .object(inner)
            } else {
                destination[key] = collision(existing, incoming)
            }
        }
    }

    /// The clash rule of `merge`: both values end up in one array, and arrays on either side
    /// are spread into it.
    static func combine(_ existing: Value, _ incoming: Value) -> Value {
        switch (existing, incoming) {
        case (.array(let l), .array(let r)): return .array(l + r)
        case (.array(let l), _): return .array(l + [incoming])
        case (_, .array(let r)): return .array([existing] + r)
        default: return .array([existing, incoming])
        }
    }

    /// The clash rule of `assign`: the incoming value wins.
    static func replace(_ existing: Value, _ incoming: Value) -> Value { incoming }
}
