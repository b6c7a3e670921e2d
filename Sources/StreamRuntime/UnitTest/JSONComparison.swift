import Bloblang

/// Structural comparison of JSON documents for `json_equals` and `json_contains`: key order
/// and formatting do not matter, numbers compare by value (`1` equals `1.0`), and a document
/// with extra object keys or extra trailing array elements is a superset of the expected one.
public enum JSONComparison {
    public enum Outcome: Sendable, Equatable {
        /// The documents are the same.
        case equal
        /// The received document has everything expected, and more.
        case superset
        /// Something expected is missing or different.
        case mismatch
    }

    /// One place where the documents differ.
    public struct Difference: Sendable, CustomStringConvertible {
        public enum Kind: Sendable {
            case changed(expected: Value, received: Value)
            case missing(expected: Value)
            case extra(received: Value)
        }

        /// Where, as `.a.b[0]` (`.` for the whole document).
        public var path: String
        public var kind: Kind

        public var description: String {
            switch kind {
            case .changed(let e, let r): "\(path): expected \(JSONComparison.preview(e)), received \(JSONComparison.preview(r))"
            case .missing(let e): "\(path): expected \(JSONComparison.preview(e)), not found"
            case .extra(let r): "\(path): not expected, received \(JSONComparison.preview(r))"
            }
        }

        /// True for a difference that breaks `json_contains` (anything but an extra value).
        public var breaksSuperset: Bool {
            if case .extra = kind { return false }
            return true
        }
    }

    /// Compares `received` against `expected`, listing every difference.
    public static func compare(received: Value, expected: Value) -> (Outcome, [Difference]) {
        var diffs: [Difference] = []
        walk(received, expected, path: "", into: &diffs)
        if diffs.isEmpty { return (.equal, []) }
        return (diffs.contains(where: \.breaksSuperset) ? .mismatch : .superset, diffs)
    }

    static func walk(_ r: Value, _ e: Value, path: String, into diffs: inout [Difference]) {
        switch (r, e) {
        case (.object(let ro), .object(let eo)):
            for key in Set(ro.keys).union(eo.keys).sorted(by: JSONWriter.utf8Less) {
                let p = path + pathComponent(key)
                switch (ro[key], eo[key]) {
                case (let rv?, let ev?): walk(rv, ev, path: p, into: &diffs)
                case (nil, let ev?): diffs.append(Difference(path: p, kind: .missing(expected: ev)))
                case (let rv?, nil): diffs.append(Difference(path: p, kind: .extra(received: rv)))
                case (nil, nil): break
                }
            }
        case (.array(let ra), .array(let ea)):
            for i in 0..<max(ra.count, ea.count) {
                let p = "\(path)[\(i)]"
                if i < ra.count, i < ea.count {
                    walk(ra[i], ea[i], path: p, into: &diffs)
                } else if i < ea.count {
                    diffs.append(Difference(path: p, kind: .missing(expected: ea[i])))
                } else {
                    diffs.append(Difference(path: p, kind: .extra(received: ra[i])))
                }
            }
        default:
            if !scalarEquals(r, e) {
                diffs.append(Difference(path: path.isEmpty ? "." : path, kind: .changed(expected: e, received: r)))
            }
        }
    }

    static func scalarEquals(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.uint(let x), .uint(let y)): return x == y
        case (.int, .uint), (.uint, .int), (.int, .float), (.float, .int), (.uint, .float), (.float, .uint), (.float, .float):
            return (try? a.getNumber()) == (try? b.getNumber())
        default: return false
        }
    }

    static func pathComponent(_ key: String) -> String {
        let plain =
            !key.isEmpty
            && key.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
            }
        return plain ? ".\(key)" : ".\(GoStrconv.quote(key))"
    }

    /// Compact JSON, cut short when long.
    static func preview(_ v: Value, limit: Int = 120) -> String {
        let text = String(decoding: JSONWriter.compact(v, escapeHTML: false), as: UTF8.self)
        return text.count > limit ? String(text.prefix(limit)) + "…" : text
    }

    /// Indented JSON with sorted keys, for line diffs.
    static func pretty(_ v: Value) -> String {
        String(decoding: JSONWriter.pretty(v, indent: "    ", escapeHTML: false), as: UTF8.self)
    }
}
