/// Writes deeply nested values with an explicit stack instead of recursion. ``JSONWriter``
/// hands subtrees to it past ``JSONWriter/recursionLimit`` levels, so any depth a mapping can
/// build is written without growing the call stack.
enum DeepWriter {
    private enum Container {
        case array([Value])
        case object([String: Value], order: [Dictionary<String, Value>.Index])
    }

    private struct Frame {
        var container: Container
        var next = 0
        var count: Int
    }

    /// Writes `value`; an empty `indent` gives the compact form, otherwise the indented form
    /// with `value` itself at indentation level `depth`.
    static func write(
        _ value: Value, indent: UnsafeBufferPointer<UInt8>, depth: Int, to out: inout ByteSink, escapeHTML: Bool
    ) {
        let pretty = !indent.isEmpty
        var frames: [Frame] = []
        var current = value
        outer: while true {
            switch current {
            case .array(let elements) where !elements.isEmpty:
                out.append(UInt8(ascii: "["))
                frames.append(Frame(container: .array(elements), count: elements.count))
            case .object(let fields) where !fields.isEmpty:
                out.append(UInt8(ascii: "{"))
                let order = fields.indices.sorted { JSONWriter.utf8Less(fields[$0].key, fields[$1].key) }
                frames.append(Frame(container: .object(fields, order: order), count: fields.count))
            case .array:
                out.append(UInt8(ascii: "["), UInt8(ascii: "]"))
            case .object:
                out.append(UInt8(ascii: "{"), UInt8(ascii: "}"))
            default:
                JSONWriter.write(current, to: &out, escapeHTML: escapeHTML)
            }
            // Find the next value to write, closing finished containers on the way.
            while let top = frames.last {
                let level = depth + frames.count
                if top.next < top.count {
                    let i = top.next
                    frames[frames.count - 1].next = i + 1
                    if i > 0 { out.append(UInt8(ascii: ",")) }
                    if pretty { JSONWriter.newline(level, indent, &out) }
                    switch top.container {
                    case .array(let elements):
                        current = elements[i]
                    case .object(let fields, let order):
                        let field = fields[order[i]]
                        JSONWriter.writeString(field.key, to: &out, escapeHTML: escapeHTML)
                        out.append(UInt8(ascii: ":"))
                        if pretty { out.append(UInt8(ascii: " ")) }
                        current = field.value
                    }
                    continue outer
                }
                if pretty { JSONWriter.newline(level - 1, indent, &out) }
                if case .array = top.container {
                    out.append(UInt8(ascii: "]"))
                } else {
                    out.append(UInt8(ascii: "}"))
                }
                frames.removeLast()
            }
            return
        }
    }
}
