import Bloblang

extension MethodSpec {
    static let replaceAllMany = MethodSpec(
        "replace_all_many", category: .strings,
        summary: "Applies several substring replacements in turn, from an array of alternating old and new strings.",
        params: [.array("values", "Pairs of values: each even element is replaced by the element after it.")],
        examples: [
            Example(
                #"""
                root.new_value = this.value.replace_all_many([
                  "<b>", "&lt;b&gt;",
                  "</b>", "&lt;/b&gt;",
                  "<i>", "&lt;i&gt;",
                  "</i>", "&lt;/i&gt;",
                ])
                """#,
                #"{"value":"<i>Hello</i> <b>World</b>"}"#,
                #"{"new_value":"&lt;i&gt;Hello&lt;/i&gt; &lt;b&gt;World&lt;/b&gt;"}"#),
        ],
        prepare: replaceAllManyPrepare
    )

    /// Shared with the deprecated `replace_many`.
    static let replaceAllManyPrepare: @Sendable (Arguments) throws -> Prepared = { args in
        let items = (try? args[0].getArray()) ?? []
        guard items.count % 2 == 0 else {
            throw RuntimeError(
                "invalid arg, replacements should be in pairs and must therefore be even: \(GoSprintf.format("%v", [.array(items)]))"
            )
        }
        var pairs: [(old: [UInt8], new: [UInt8])] = []
        for i in Swift.stride(from: 0, to: items.count, by: 2) {
            let old: String
            let new: String
            do throws(RuntimeError) { old = try items[i].getString() } catch {
                throw RuntimeError("invalid replacement value at index \(i): \(error.message)")
            }
            do throws(RuntimeError) { new = try items[i + 1].getString() } catch {
                throw RuntimeError("invalid replacement value at index \(i + 1): \(error.message)")
            }
            pairs.append((Array(old.utf8), Array(new.utf8)))
        }
        let replacements = pairs
        return { target, _ in
            let text = try TextTarget(target)
            var bytes = text.bytes
            for pair in replacements { bytes = GoBytes.replaceAll(bytes, pair.old, with: pair.new) }
            return text.wrap(bytes)
        }
    }
}
