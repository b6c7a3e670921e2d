import Bloblang

extension ObjectArray {
    /// Splits a dot path into segments as Benthos's field paths do: `~1` stands for a dot
    /// and `~0` for a tilde inside a segment. An empty path is one empty segment.
    static func dotPath(_ path: String) -> [String] {
        path.split(separator: ".", omittingEmptySubsequences: false).map { part in
            var s = String(part)
            if s.contains("~") {
                s = s.replacingOccurrences(of: "~1", with: ".").replacingOccurrences(of: "~0", with: "~")
            }
            return s
        }
    }

    /// Finds the value at `path` below `value`, or `nil` when there is none. Objects are
    /// searched by key; arrays by a decimal index, or by `*`, which searches every element
    /// with the rest of the path and collects what was found.
    static func search(_ value: Value, _ path: ArraySlice<String>) -> Value? {
        var current = value
        var rest = path
        while let seg = rest.first {
            rest = rest.dropFirst()
            switch current {
            case .object(let o):
                guard let next = o[seg] else { return nil }
                current = next
            case .array(let a):
                if seg == "*" {
                    let found = rest.isEmpty ? a : a.compactMap { search($0, rest) }
                    return found.isEmpty ? nil : .array(found)
                }
                guard let i = arrayIndex(seg), i < a.count else { return nil }
                current = a[i]
            default:
                return nil
            }
        }
        return current
    }

    /// A path segment read as an array index (Go's `strconv.Atoi`, non-negative only).
    static func arrayIndex(_ seg: String) -> Int? {
        var digits = Substring(seg)
        if digits.first == "+" { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(digits)
    }

    /// Sets `newValue` at `path` below `root`, creating objects where keys are missing or
    /// null. Steps into other values leave the document as it is, as gabs does.
    static func set(_ root: inout Value, _ path: ArraySlice<String>, to newValue: Value) {
        guard let seg = path.first else {
            root = newValue
            return
        }
        let rest = path.dropFirst()
        switch root {
        case .null:
            root = .object([:])
            set(&root, path, to: newValue)
        case .object(var o):
            root = .null
            if rest.isEmpty {
                o[seg] = newValue
            } else {
                var child = o.removeValue(forKey: seg) ?? .null
                if case .null = child { child = .object([:]) }
                set(&child, rest, to: newValue)
                o[seg] = child
            }
            root = .object(o)
        case .array(var a):
            guard let i = arrayIndex(seg), i < a.count else { return }
            if !rest.isEmpty, case .null = a[i] { return }
            root = .null
            if rest.isEmpty {
                a[i] = newValue
            } else {
                set(&a[i], rest, to: newValue)
            }
            root = .array(a)
        default:
            return
        }
    }

    /// A copy of `object` without the fields at `paths` (each path a list of segments).
    static func without(_ object: [String: Value], _ paths: [[String]]) -> [String: Value] {
        var result: [String: Value] = [:]
        result.reserveCapacity(object.count)
        for (k, v) in object {
            var excluded = false
            var nested: [[String]] = []
            for p in paths where p.first == k {
                if p.count > 1 { nested.append(Array(p.dropFirst())) } else { excluded = true }
            }
            if excluded { continue }
            if !nested.isEmpty, case .object(let inner) = v {
                result[k] = .object(without(inner, nested))
            } else {
                result[k] = v
            }
        }
        return result
    }

    /// A copy of `object` with only the fields at `paths`.
    static func with(_ object: [String: Value], _ paths: [[String]]) -> [String: Value] {
        var result: [String: Value] = [:]
        for (k, v) in object {
            var included = false
            var nested: [[String]] = []
            for p in paths where p.first == k {
                included = true
                if p.count > 1 { nested.append(Array(p.dropFirst())) }
            }
            guard included else { continue }
            if !nested.isEmpty, case .object(let inner) = v {
                result[k] = .object(with(inner, nested))
            } else {
                result[k] = v
            }
        }
        return result
    }

    /// Flattens nested objects and arrays into one object keyed by dot paths. Empty objects
    /// and arrays are dropped unless `includeEmpty` is set.
    static func collapse(_ value: Value, includeEmpty: Bool) -> [String: Value]? {
        var flat: [String: Value] = [:]
        func walk(_ path: String, _ v: Value) {
            switch v {
            case .object(let o):
                if includeEmpty, o.isEmpty { flat[path] = .object([:]) }
                for (k, child) in o {
                    walk(path.isEmpty ? k : path + "." + k, child)
                }
            case .array(let a):
                if includeEmpty, a.isEmpty { flat[path] = .array([]) }
                for (i, child) in a.enumerated() {
                    walk(path.isEmpty ? String(i) : path + "." + String(i), child)
                }
            default:
                flat[path] = v
            }
        }
        switch value {
        case .object, .array: walk("", value)
        default: return nil
        }
        return flat
    }
}
