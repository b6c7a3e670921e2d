import Bloblang
import BloblangStdlib

/// Renders the reference pages (`functions.md`, `methods.md` and an `index.md`) from the
/// function and method specs.
///
/// All prose about a function or method comes from its spec; the generator only adds
/// structure. Output is deterministic: categories in declaration order, entries by name,
/// deprecated entries last, hidden ones left out.
public struct DocsGenerator: Sendable {
    /// One rendered page.
    public struct File: Sendable, Equatable {
        /// The file name inside the reference folder, such as `methods.md`.
        public var name: String
        public var contents: String
    }

    /// The default folder for the pages, relative to the package root.
    public static let defaultDirectory = "docs/reference"

    let functions: [DocEntry]
    let methods: [DocEntry]

    /// A generator over the given specs.
    public init(functions: [FunctionSpec], methods: [MethodSpec]) {
        self.functions = functions.map(DocEntry.init)
        self.methods = methods.map(DocEntry.init)
    }

    /// A generator over the whole standard library.
    public static var standard: DocsGenerator {
        DocsGenerator(functions: Stdlib.functions, methods: Stdlib.methods)
    }

    /// Every page, in a fixed order.
    public func render() -> [File] {
        let fPage = Page(kind: .function, entries: functions)
        let mPage = Page(kind: .method, entries: methods)
        return [
            File(name: "index.md", contents: renderIndex(functions: fPage, methods: mPage)),
            File(name: Page.fileName(.function), contents: fPage.render()),
            File(name: Page.fileName(.method), contents: mPage.render()),
        ]
    }

    // MARK: - Index

    private func renderIndex(functions: Page, methods: Page) -> String {
        var out = Page.banner + "\n\n# Bloblang reference\n\n"
        out += "The functions and methods of the standard library, generated from their specs. "
        out += "Every example shown here also runs as a test.\n\n"
        out += "- [Functions](\(Page.fileName(.function))): \(functions.visibleCount) functions, called on their own: `now()`.\n"
        out += "- [Methods](\(Page.fileName(.method))): \(methods.visibleCount) methods, called on a value: `this.name.uppercase()`.\n"

        out += "\n## Categories\n\n"
        out += "| Category | Functions | Methods | About |\n|---|---|---|---|\n"
        for section in Page.sectionOrder {
            let f = functions.link(to: section), m = methods.link(to: section)
            if f == nil, m == nil { continue }
            out += "| \(Markdown.cell(section.rawValue)) | \(f ?? "") | \(m ?? "") | \(Markdown.cell(section.summary)) |\n"
        }

        out += "\n## Status\n\n"
        out += "Entries without a status are stable. The others are marked:\n\n"
        out += "- **beta**: works, but its behaviour or parameters may still change.\n"
        out += "- **experimental**: may change a lot or be removed.\n"
        out += "- **deprecated**: kept so that existing mappings run; listed at the end of each page.\n"
        out += "\nEntries marked **impure** read or change state outside the mapping (the clock, the "
        out += "environment, files, counters); they are not available where only pure functions are allowed.\n"
        return out
    }
}
