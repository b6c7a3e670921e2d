import Bloblang

/// Benthos's `schema.InferFromAny` followed by `ToAny`: the common schema of a value.
enum SchemaInference {
    struct Node {
        var type: (name: String, code: Int)
        var name: String
        var children: [Node]

        /// The text hashed into the fingerprint, as Benthos writes it.
        var fingerprintText: String {
            var s = "T:\(type.code)|N:\(name)|O:0|C:\(children.count)|"
            for (i, child) in children.enumerated() { s += "[\(i):" + child.fingerprintText + "]" }
            return s
        }

        var value: Value {
            let digest = SHA256.hash(Array(fingerprintText.utf8))
            var object: [String: Value] = [
                "type": .string(type.name),
                "fingerprint": .string(digest.map { GoStrconv.hex(UInt32($0), width: 2) }.joined()),
            ]
            if !name.isEmpty { object["name"] = .string(name) }
            if !children.isEmpty { object["children"] = .array(children.map(\.value)) }
            return .object(object)
        }
    }

    static func infer(_ v: Value, name: String) throws(RuntimeError) -> Node {
        switch v {
        case .bool: return Node(type: ("BOOLEAN", 1), name: name, children: [])
        case .int: return Node(type: ("INT64", 3), name: name, children: [])
        case .float: return Node(type: ("FLOAT64", 5), name: name, children: [])
        case .string: return Node(type: ("STRING", 6), name: name, children: [])
        case .bytes: return Node(type: ("BYTE_ARRAY", 7), name: name, children: [])
        case .timestamp: return Node(type: ("TIMESTAMP", 13), name: name, children: [])
        case .null: return Node(type: ("NULL", 11), name: name, children: [])
        case .array(let items):
            var node = Node(type: ("ARRAY", 10), name: name, children: [])
            for (i, item) in items.enumerated() {
                let child: Node
                do throws(RuntimeError) {
                    child = try infer(item, name: "")
                } catch {
                    throw RuntimeError(".\(i)\(error.message)")
                }
                if let first = node.children.first {
                    if first.type.code != child.type.code {
                        throw RuntimeError(".\(i) mismatched array types, found \(first.type.name) and \(child.type.name)")
                    }
                } else {
                    node.children = [child]
                }
            }
            return node
        case .object(let fields):
            var node = Node(type: ("OBJECT", 8), name: name, children: [])
            for key in fields.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                do throws(RuntimeError) {
                    node.children.append(try infer(fields[key] ?? .null, name: key))
                } catch {
                    throw RuntimeError(".\(key)\(error.message)")
                }
            }
            return node
        case .uint:
            throw RuntimeError(" unsupported data type: uint64")
        case .delete, .nothing:
            throw RuntimeError(" unsupported data type: query.\(v.type == .delete ? "Delete" : "Nothing")")
        }
    }
}
