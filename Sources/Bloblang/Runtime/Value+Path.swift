import Foundation

// MARK: - Reading paths

extension Value {
    /// Follows a field path: object keys, and numeric segments as array indexes. Anything
    /// missing, or a step into a non-container, gives `null` (paths never fail).
    public static func get(_ start: Value, path: [String]) -> Value {
        var current = start
        for seg in path {
            switch current {
            case .object(let o):
                guard let next = o[seg] else { return .null }
                current = next
            case .array(let a):
                guard let i = Int(seg), i >= 0, i < a.count else { return .null }
                current = a[i]
            default:
                return .null
            }
        }
        if current.isSentinel { return .null }
        return current
    }

    /// Splits a dot path (`a.b."c.d"` is not supported here: `~1` escapes a dot and `~0` a tilde).
    public static func splitDotPath(_ path: String) -> [String] {
        if path.isEmpty { return [] }
        return path.split(separator: ".", omittingEmptySubsequences: false).map {
            var s = String($0)
            if s.contains("~") {
                s = s.replacingOccurrences(of: "~1", with: ".").replacingOccurrences(of: "~0", with: "~")
            }
            return s
        }
    }
}

// MARK: - Writing paths

extension Value {
    /// Sets (or with `.delete`, removes) the value at `path` below `self`, creating objects on
    /// the way. Errors follow Benthos's wording.
    public mutating func set(path: [String], to newValue: Value) throws(RuntimeError) {
        if path.isEmpty {
            self = newValue
            return
        }
        switch self {
        case .nothing, .null:
            self = .object([:])
        case .object, .array: break
        default:
            throw RuntimeError(
                "unable to set target path \(Value.dotPath(path)) as the value of the root was a non-object type (\(self.type.rawValue))",
                code: .assignment)
        }
        try Value.set(&self, path: path, index: 0, to: newValue)
    }

    /// Moves the fields out of an object value, leaving `.null`, so they can be changed
    /// without copying (the enum no longer holds a second reference).
    @inline(__always)
    private static func takeObject(_ node: inout Value) -> [String: Value]? {
        guard case .object(let dict) = node else { return nil }
        node = .null
        return dict
    }

    @inline(__always)
    private static func takeArray(_ node: inout Value) -> [Value]? {
        guard case .array(let arr) = node else { return nil }
        node = .null
        return arr
    }

    private static func set(_ node: inout Value, path: [String], index: Int, to newValue: Value) throws(RuntimeError) {
        let seg = path[index]
        let last = index == path.count - 1
        if var dict = takeObject(&node) {
            defer { node = .object(dict) }
            if last {
                if case .delete = newValue { dict.removeValue(forKey: seg) } else { dict[seg] = newValue }
                return
            }
            let existing = dict.removeValue(forKey: seg)
            if case .delete = newValue {
                // Deleting below a missing (or null) field changes nothing.
                switch existing {
                case nil: return
                case .some(let e) where e.isNullLike:
                    dict[seg] = e
                    return
                default: break
                }
            }
            var child = existing ?? .null
            defer { dict[seg] = child }
            switch child {
            case .null, .nothing:
                child = .object([:])
            case .object, .array: break
            default:
                throw RuntimeError(
                    "unable to set target path \(dotPath(path)) as the value of \(dotPath(Array(path[...index]))) was a non-object type (\(child.type.rawValue))",
                    code: .assignment)
            }
            try set(&child, path: path, index: index + 1, to: newValue)
            return
        }
        guard case .array(let count) = node.arrayCount else {
            throw RuntimeError("unable to set target path \(dotPath(path))", code: .assignment)
        }
        if seg == "-" {
            // `-` appends to an array, as Benthos's path writes do.
            guard last, var arr = takeArray(&node) else {
                throw RuntimeError("unable to set target path \(dotPath(path)): cannot traverse through `-`", code: .assignment)
            }
            if case .delete = newValue {} else { arr.append(newValue) }
            node = .array(arr)
            return
        }
        guard let i = Int(seg), i >= 0 else {
            throw RuntimeError(
                "unable to set target path \(dotPath(path)): failed to resolve path segment '\(index)': found array but segment value '\(seg)' could not be parsed into array index: strconv.Atoi: parsing \(GoStrconv.quote(seg)): invalid syntax",
                code: .assignment)
        }
        guard i < count else {
            throw RuntimeError(
                "unable to set target path \(dotPath(path)): failed to resolve path segment '\(index)': found array but index '\(i)' exceeded target array size of '\(count)'",
                code: .assignment)
        }
        guard var arr = takeArray(&node) else { return }
        defer { node = .array(arr) }
        if last {
            if case .delete = newValue { arr.remove(at: i) } else { arr[i] = newValue }
            return
        }
        var child = arr[i]
        arr[i] = .null
        defer { arr[i] = child }
        switch child {
        case .null:
            child = .object([:])
        case .object, .array: break
        default:
            throw RuntimeError(
                "unable to set target path \(dotPath(path)) as the value of \(dotPath(Array(path[...index]))) was a non-object type (\(child.type.rawValue))",
                code: .assignment)
        }
        try set(&child, path: path, index: index + 1, to: newValue)
    }

    /// `.array(count)` when the value is an array (without copying its elements).
    private var arrayCount: ArrayCount {
        if case .array(let a) = self { return .array(a.count) }
        return .notArray
    }

    private enum ArrayCount {
        case array(Int)
        case notArray
    }

    /// A path joined with dots, segments escaped.
    static func dotPath(_ path: [String]) -> String {
        path.map(escapePathSegment).joined(separator: ".")
    }
}
