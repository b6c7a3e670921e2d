import Bloblang

extension DocsGenerator {
    /// One page: the entries of one kind, grouped into sections.
    struct Page {
        static let banner = "<!-- Generated from the function and method specs by `swift run blobl docs`. Do not edit. -->"

        /// Categories in the order they appear; `.deprecated` last, holding every deprecated entry.
        static var sectionOrder: [Category] {
            Category.allCases.filter { $0 != .deprecated } + [.deprecated]
        }

        static func fileName(_ kind: DocEntry.Kind) -> String {
            kind == .function ? "functions.md" : "methods.md"
        }

        let kind: DocEntry.Kind
        /// Visible entries by section, each sorted by name.
        let sections: [(category: Category, entries: [DocEntry])]
        /// The anchor of every heading, decided once so that links and headings agree.
        let anchors: [String: String]

        init(kind: DocEntry.Kind, entries: [DocEntry]) {
            self.kind = kind
            let visible = entries.filter { $0.status != .hidden }
            var grouped: [Category: [DocEntry]] = [:]
            for entry in visible {
                grouped[entry.isDeprecated ? .deprecated : entry.category, default: []].append(entry)
            }
            sections = Self.sectionOrder.compactMap { category in
                guard let list = grouped[category], !list.isEmpty else { return nil }
                return (category, list.sorted { $0.name < $1.name })
            }
            // Headings in document order: title, "Contents", then each section and its entries.
            var slugs = SlugTracker()
            _ = slugs.anchor(for: Self.title(kind))
            _ = slugs.anchor(for: "Contents")
            var anchors: [String: String] = [:]
            for (category, list) in sections {
                anchors["category:\(category.rawValue)"] = slugs.anchor(for: category.rawValue)
                for entry in list { anchors["entry:\(entry.name)"] = slugs.anchor(for: entry.name) }
            }
            self.anchors = anchors
        }

        static func title(_ kind: DocEntry.Kind) -> String {
            kind == .function ? "Functions" : "Methods"
        }

        var visibleCount: Int { sections.reduce(0) { $0 + $1.entries.count } }

        /// A link to a section from another page, with its entry count, or nil when empty.
        func link(to category: Category) -> String? {
            guard let list = sections.first(where: { $0.category == category })?.entries,
                  let anchor = anchors["category:\(category.rawValue)"] else { return nil }
            return "[\(list.count)](\(Self.fileName(kind))#\(anchor))"
        }

        func render() -> String {
            var out = Self.banner + "\n\n# \(Self.title(kind))\n\n"
            out += kind == .function
                ? "Functions are called on their own, as in `root.id = uuid_v4()`.\n"
                : "Methods are called on a value, as in `root.name = this.name.uppercase()`.\n"
            out += "See the [index](index.md) for what the status markers mean.\n"

            out += "\n## Contents\n\n"
            for (category, list) in sections {
                let links = list.map { "[\(Markdown.code($0.name))](#\(anchors["entry:\($0.name)"] ?? ""))" }
                out += "- [\(category.rawValue)](#\(anchors["category:\(category.rawValue)"] ?? "")): "
                out += links.joined(separator: ", ") + "\n"
            }

            for (category, list) in sections {
                out += "\n## \(category.rawValue)\n\n\(category.summary)\n"
                for entry in list { out += "\n" + EntryRenderer(entry: entry).render() }
            }
            return out
        }
    }
}
